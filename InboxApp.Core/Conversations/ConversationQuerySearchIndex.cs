using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace InboxApp.Core.Conversations;

/// <summary>
/// Trigram indexes for the conversation search, created idempotently at startup after the migrations (EF Core's model
/// cannot describe them). SQLite: FTS5 tables <c>MessageSearch</c> and <c>ContactSearch</c> with the trigram tokenizer
/// folding case and accents (<c>remove_diacritics 1</c>), kept in step by triggers; when the triggers are missing (first
/// start, or a migration rebuilt the table or dropped the search tables) the tables are filled again from scratch.
/// PostgreSQL: GIN <c>gin_trgm_ops</c> indexes on the unaccented text (<c>inbox_fold</c>, see <see cref="SearchFold"/>)
/// and on the phone, when the pg_trgm extension can be created (searches stay correct without them, only slower).
/// </summary>
public static class SearchIndexes
{
    private static readonly string[] ContactColumns = ["Name", "ProfileName", "Username", "Phone"];
    private static readonly string[] FoldedContactColumns = ["Name", "ProfileName", "Username"];

    public static async Task EnsureAsync(InboxDbContext db, ILogger logger, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite()) await EnsureSqliteAsync(db, logger, ct);
        else if (db.Database.IsNpgsql()) await EnsurePostgresAsync(db, logger, ct);
    }

    private static async Task EnsureSqliteAsync(InboxDbContext db, ILogger logger, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var triggers = await db.Database.SqlQueryRaw<int>(
            """SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'trigger' AND name IN ('Messages_search_insert', 'Contacts_search_insert')""").SingleAsync(ct);
        if (triggers == 2)
        {
            await tx.CommitAsync(ct);
            return;
        }
        logger.LogInformation("Building the search indexes (FTS5 trigram) for messages and contacts");
        var cols = string.Join(", ", ContactColumns.Select(c => $"\"{c}\""));
        var newCols = string.Join(", ", ContactColumns.Select(c => $"new.\"{c}\""));
        string[] statements =
        [
            """CREATE VIRTUAL TABLE IF NOT EXISTS "MessageSearch" USING fts5("Text", "ConversationId" UNINDEXED, "OrganizationId" UNINDEXED, tokenize = 'trigram remove_diacritics 1')""",
            $"""CREATE VIRTUAL TABLE IF NOT EXISTS "ContactSearch" USING fts5({cols}, "ContactId" UNINDEXED, "OrganizationId" UNINDEXED, tokenize = 'trigram remove_diacritics 1')""",
            """DROP TRIGGER IF EXISTS "Messages_search_insert" """, """DROP TRIGGER IF EXISTS "Messages_search_update" """, """DROP TRIGGER IF EXISTS "Messages_search_delete" """,
            """DROP TRIGGER IF EXISTS "Contacts_search_insert" """, """DROP TRIGGER IF EXISTS "Contacts_search_update" """, """DROP TRIGGER IF EXISTS "Contacts_search_delete" """,
            """DELETE FROM "MessageSearch" """,
            """INSERT INTO "MessageSearch"(rowid, "Text", "ConversationId", "OrganizationId") SELECT rowid, "Text", "ConversationId", "OrganizationId" FROM "Messages" WHERE "Text" IS NOT NULL""",
            """DELETE FROM "ContactSearch" """,
            $"""INSERT INTO "ContactSearch"(rowid, {cols}, "ContactId", "OrganizationId") SELECT rowid, {cols}, "Id", "OrganizationId" FROM "Contacts" """,
            """
            CREATE TRIGGER "Messages_search_insert" AFTER INSERT ON "Messages" WHEN new."Text" IS NOT NULL BEGIN
              INSERT INTO "MessageSearch"(rowid, "Text", "ConversationId", "OrganizationId") VALUES (new.rowid, new."Text", new."ConversationId", new."OrganizationId");
            END
            """,
            """
            CREATE TRIGGER "Messages_search_update" AFTER UPDATE OF "Text" ON "Messages" BEGIN
              DELETE FROM "MessageSearch" WHERE rowid = old.rowid;
              INSERT INTO "MessageSearch"(rowid, "Text", "ConversationId", "OrganizationId") SELECT new.rowid, new."Text", new."ConversationId", new."OrganizationId" WHERE new."Text" IS NOT NULL;
            END
            """,
            """
            CREATE TRIGGER "Messages_search_delete" AFTER DELETE ON "Messages" BEGIN
              DELETE FROM "MessageSearch" WHERE rowid = old.rowid;
            END
            """,
            $"""
            CREATE TRIGGER "Contacts_search_insert" AFTER INSERT ON "Contacts" BEGIN
              INSERT INTO "ContactSearch"(rowid, {cols}, "ContactId", "OrganizationId") VALUES (new.rowid, {newCols}, new."Id", new."OrganizationId");
            END
            """,
            $"""
            CREATE TRIGGER "Contacts_search_update" AFTER UPDATE OF {cols} ON "Contacts" BEGIN
              DELETE FROM "ContactSearch" WHERE rowid = old.rowid;
              INSERT INTO "ContactSearch"(rowid, {cols}, "ContactId", "OrganizationId") VALUES (new.rowid, {newCols}, new."Id", new."OrganizationId");
            END
            """,
            """
            CREATE TRIGGER "Contacts_search_delete" AFTER DELETE ON "Contacts" BEGIN
              DELETE FROM "ContactSearch" WHERE rowid = old.rowid;
            END
            """,
        ];
        foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task EnsurePostgresAsync(InboxDbContext db, ILogger logger, CancellationToken ct)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS pg_trgm", ct);
        }
        catch (PostgresException e)
        {
            logger.LogWarning("pg_trgm is not available ({Error}); conversation and contact search work without trigram indexes, more slowly", e.MessageText);
            return;
        }
        // The text columns are searched unaccented (inbox_fold, created by the migration SearchFoldsAccents), the phone as it is.
        await db.Database.ExecuteSqlRawAsync("""CREATE INDEX IF NOT EXISTS "IX_Messages_Text_folded_trgm" ON "Messages" USING gin (inbox_fold("Text") gin_trgm_ops)""", ct);
        foreach (var column in FoldedContactColumns)
        {
            // Column names from the constant lists above, never from input.
            var sql = $"""CREATE INDEX IF NOT EXISTS "IX_Contacts_{column}_folded_trgm" ON "Contacts" USING gin (inbox_fold("{column}") gin_trgm_ops)""";
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
        await db.Database.ExecuteSqlRawAsync("""CREATE INDEX IF NOT EXISTS "IX_Contacts_Phone_trgm" ON "Contacts" USING gin ("Phone" gin_trgm_ops)""", ct);
    }
}
