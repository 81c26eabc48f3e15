import { searchSuite } from "@/lib/server/services/search.cases";
import { createTestDb } from "@/tests/test-db";

searchSuite("SQLite unless PARLEY_TEST_DATABASE_URL says otherwise", createTestDb);
