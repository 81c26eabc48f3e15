import { searchSuite } from "@/tests/search-suite";
import { createTestDb } from "@/tests/test-db";

searchSuite("SQLite unless PARLEY_TEST_DATABASE_URL says otherwise", createTestDb);
