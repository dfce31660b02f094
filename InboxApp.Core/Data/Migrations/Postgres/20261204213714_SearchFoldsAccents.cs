using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.Postgres
{
    /// <summary>
    /// The search folds accents: the unaccent extension (when it can be created) and two functions over it, the immutable
    /// <c>inbox_fold</c> for the trigram expression indexes (<c>SearchIndexes</c> builds them at startup) and the stable
    /// <c>inbox_unaccent</c>, which PostgreSQL inlines, for row tests. Without the extension both return their argument.
    /// The trigram indexes on the raw text columns give way to the folded ones.
    /// </summary>
    public partial class SearchFoldsAccents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $do$
                DECLARE s text;
                BEGIN
                  BEGIN
                    CREATE EXTENSION IF NOT EXISTS unaccent;
                  EXCEPTION WHEN OTHERS THEN
                    RAISE WARNING 'unaccent is not available (%): the conversation search will not fold accents', SQLERRM;
                  END;
                  SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
                  IF s IS NULL THEN
                    CREATE OR REPLACE FUNCTION inbox_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1';
                    CREATE OR REPLACE FUNCTION inbox_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1';
                  ELSE
                    EXECUTE format('CREATE OR REPLACE FUNCTION inbox_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
                      format('SELECT %I.unaccent(%L::regdictionary, $1)', s, quote_ident(s) || '.unaccent'));
                    EXECUTE format('CREATE OR REPLACE FUNCTION inbox_unaccent(text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS %L',
                      format('SELECT %I.unaccent(%L::regdictionary, $1)', s, quote_ident(s) || '.unaccent'));
                  END IF;
                END
                $do$;
                """);
            foreach (var index in new[] { "IX_Messages_Text_trgm", "IX_Contacts_Name_trgm", "IX_Contacts_ProfileName_trgm", "IX_Contacts_Username_trgm" })
                migrationBuilder.Sql($"""DROP INDEX IF EXISTS "{index}";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // CASCADE: the folded trigram indexes go with the function.
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS inbox_fold(text) CASCADE;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS inbox_unaccent(text);");
        }
    }
}
