using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.Sqlite
{
    /// <summary>
    /// The search folds accents: the FTS5 search tables are dropped with their triggers, and <c>SearchIndexes</c> builds
    /// them again at startup with the trigram tokenizer's <c>remove_diacritics 1</c>.
    /// </summary>
    public partial class SearchFoldsAccents : Migration
    {
        private static readonly string[] Statements =
        [
            "DROP TRIGGER IF EXISTS \"Messages_search_insert\"",
            "DROP TRIGGER IF EXISTS \"Messages_search_update\"",
            "DROP TRIGGER IF EXISTS \"Messages_search_delete\"",
            "DROP TRIGGER IF EXISTS \"Contacts_search_insert\"",
            "DROP TRIGGER IF EXISTS \"Contacts_search_update\"",
            "DROP TRIGGER IF EXISTS \"Contacts_search_delete\"",
            "DROP TABLE IF EXISTS \"MessageSearch\"",
            "DROP TABLE IF EXISTS \"ContactSearch\"",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Statements) migrationBuilder.Sql(sql + ";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The tables are built again at startup, with the tokenizer of that version.
            foreach (var sql in Statements) migrationBuilder.Sql(sql + ";");
        }
    }
}
