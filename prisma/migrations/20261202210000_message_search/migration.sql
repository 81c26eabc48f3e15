-- Full-text search over message bodies: an FTS5 index reading its text from "Message".
CREATE VIRTUAL TABLE "MessageFts" USING fts5(body, content='Message', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

-- Kept in step with "Message" (the FTS5 external-content pattern).
CREATE TRIGGER "Message_fts_insert" AFTER INSERT ON "Message" BEGIN
  INSERT INTO "MessageFts"(rowid, body) VALUES (new."id", new."body");
END;

CREATE TRIGGER "Message_fts_delete" AFTER DELETE ON "Message" BEGIN
  INSERT INTO "MessageFts"("MessageFts", rowid, body) VALUES ('delete', old."id", old."body");
END;

CREATE TRIGGER "Message_fts_update" AFTER UPDATE OF "body" ON "Message" BEGIN
  INSERT INTO "MessageFts"("MessageFts", rowid, body) VALUES ('delete', old."id", old."body");
  INSERT INTO "MessageFts"(rowid, body) VALUES (new."id", new."body");
END;

-- Index the messages stored before this migration.
INSERT INTO "MessageFts"("MessageFts") VALUES ('rebuild');
