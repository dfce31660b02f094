using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace InboxApp.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PriceRegionCountries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PriceRegionCountries",
                columns: table => new
                {
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Market = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriceRegionCountries", x => x.Country);
                });

            migrationBuilder.InsertData(
                table: "PriceRegionCountries",
                columns: new[] { "Country", "Market", "UpdatedAt", "UpdatedById" },
                values: new object[,]
                {
                    { "AD", "R_WEU", 1308404219904000000L, null },
                    { "AF", "R_APAC", 1308404219904000000L, null },
                    { "AG", "R_LATAM", 1308404219904000000L, null },
                    { "AI", "R_LATAM", 1308404219904000000L, null },
                    { "AL", "R_CEE", 1308404219904000000L, null },
                    { "AM", "R_CEE", 1308404219904000000L, null },
                    { "AO", "R_AFR", 1308404219904000000L, null },
                    { "AT", "R_WEU", 1308404219904000000L, null },
                    { "AU", "R_APAC", 1308404219904000000L, null },
                    { "AW", "R_LATAM", 1308404219904000000L, null },
                    { "AZ", "R_CEE", 1308404219904000000L, null },
                    { "BD", "R_APAC", 1308404219904000000L, null },
                    { "BE", "R_WEU", 1308404219904000000L, null },
                    { "BF", "R_AFR", 1308404219904000000L, null },
                    { "BG", "R_CEE", 1308404219904000000L, null },
                    { "BH", "R_ME", 1308404219904000000L, null },
                    { "BI", "R_AFR", 1308404219904000000L, null },
                    { "BJ", "R_AFR", 1308404219904000000L, null },
                    { "BO", "R_LATAM", 1308404219904000000L, null },
                    { "BS", "R_LATAM", 1308404219904000000L, null },
                    { "BW", "R_AFR", 1308404219904000000L, null },
                    { "BY", "R_CEE", 1308404219904000000L, null },
                    { "CG", "R_AFR", 1308404219904000000L, null },
                    { "CH", "R_WEU", 1308404219904000000L, null },
                    { "CI", "R_AFR", 1308404219904000000L, null },
                    { "CM", "R_AFR", 1308404219904000000L, null },
                    { "CN", "R_APAC", 1308404219904000000L, null },
                    { "CR", "R_LATAM", 1308404219904000000L, null },
                    { "CZ", "R_CEE", 1308404219904000000L, null },
                    { "DK", "R_WEU", 1308404219904000000L, null },
                    { "DO", "R_LATAM", 1308404219904000000L, null },
                    { "DZ", "R_AFR", 1308404219904000000L, null },
                    { "EC", "R_LATAM", 1308404219904000000L, null },
                    { "ER", "R_AFR", 1308404219904000000L, null },
                    { "ET", "R_AFR", 1308404219904000000L, null },
                    { "FI", "R_WEU", 1308404219904000000L, null },
                    { "GA", "R_AFR", 1308404219904000000L, null },
                    { "GE", "R_CEE", 1308404219904000000L, null },
                    { "GH", "R_AFR", 1308404219904000000L, null },
                    { "GM", "R_AFR", 1308404219904000000L, null },
                    { "GR", "R_CEE", 1308404219904000000L, null },
                    { "GT", "R_LATAM", 1308404219904000000L, null },
                    { "GW", "R_AFR", 1308404219904000000L, null },
                    { "HK", "R_APAC", 1308404219904000000L, null },
                    { "HN", "R_LATAM", 1308404219904000000L, null },
                    { "HR", "R_CEE", 1308404219904000000L, null },
                    { "HT", "R_LATAM", 1308404219904000000L, null },
                    { "HU", "R_CEE", 1308404219904000000L, null },
                    { "IE", "R_WEU", 1308404219904000000L, null },
                    { "IQ", "R_ME", 1308404219904000000L, null },
                    { "JM", "R_LATAM", 1308404219904000000L, null },
                    { "JO", "R_ME", 1308404219904000000L, null },
                    { "JP", "R_APAC", 1308404219904000000L, null },
                    { "KE", "R_AFR", 1308404219904000000L, null },
                    { "KH", "R_APAC", 1308404219904000000L, null },
                    { "KW", "R_ME", 1308404219904000000L, null },
                    { "LA", "R_APAC", 1308404219904000000L, null },
                    { "LB", "R_ME", 1308404219904000000L, null },
                    { "LK", "R_APAC", 1308404219904000000L, null },
                    { "LR", "R_AFR", 1308404219904000000L, null },
                    { "LS", "R_AFR", 1308404219904000000L, null },
                    { "LT", "R_CEE", 1308404219904000000L, null },
                    { "LV", "R_CEE", 1308404219904000000L, null },
                    { "LY", "R_AFR", 1308404219904000000L, null },
                    { "MA", "R_AFR", 1308404219904000000L, null },
                    { "MD", "R_CEE", 1308404219904000000L, null },
                    { "MG", "R_AFR", 1308404219904000000L, null },
                    { "MK", "R_CEE", 1308404219904000000L, null },
                    { "ML", "R_AFR", 1308404219904000000L, null },
                    { "MN", "R_APAC", 1308404219904000000L, null },
                    { "MR", "R_AFR", 1308404219904000000L, null },
                    { "MW", "R_AFR", 1308404219904000000L, null },
                    { "MZ", "R_AFR", 1308404219904000000L, null },
                    { "NA", "R_AFR", 1308404219904000000L, null },
                    { "NE", "R_AFR", 1308404219904000000L, null },
                    { "NI", "R_LATAM", 1308404219904000000L, null },
                    { "NO", "R_WEU", 1308404219904000000L, null },
                    { "NP", "R_APAC", 1308404219904000000L, null },
                    { "NZ", "R_APAC", 1308404219904000000L, null },
                    { "OM", "R_ME", 1308404219904000000L, null },
                    { "PA", "R_LATAM", 1308404219904000000L, null },
                    { "PG", "R_APAC", 1308404219904000000L, null },
                    { "PH", "R_APAC", 1308404219904000000L, null },
                    { "PL", "R_CEE", 1308404219904000000L, null },
                    { "PR", "R_LATAM", 1308404219904000000L, null },
                    { "PT", "R_WEU", 1308404219904000000L, null },
                    { "PY", "R_LATAM", 1308404219904000000L, null },
                    { "QA", "R_ME", 1308404219904000000L, null },
                    { "RO", "R_CEE", 1308404219904000000L, null },
                    { "RS", "R_CEE", 1308404219904000000L, null },
                    { "RW", "R_AFR", 1308404219904000000L, null },
                    { "SD", "R_AFR", 1308404219904000000L, null },
                    { "SE", "R_WEU", 1308404219904000000L, null },
                    { "SG", "R_APAC", 1308404219904000000L, null },
                    { "SI", "R_CEE", 1308404219904000000L, null },
                    { "SK", "R_CEE", 1308404219904000000L, null },
                    { "SL", "R_AFR", 1308404219904000000L, null },
                    { "SN", "R_AFR", 1308404219904000000L, null },
                    { "SO", "R_AFR", 1308404219904000000L, null },
                    { "SS", "R_AFR", 1308404219904000000L, null },
                    { "SV", "R_LATAM", 1308404219904000000L, null },
                    { "SZ", "R_AFR", 1308404219904000000L, null },
                    { "TD", "R_AFR", 1308404219904000000L, null },
                    { "TG", "R_AFR", 1308404219904000000L, null },
                    { "TH", "R_APAC", 1308404219904000000L, null },
                    { "TJ", "R_APAC", 1308404219904000000L, null },
                    { "TM", "R_APAC", 1308404219904000000L, null },
                    { "TN", "R_AFR", 1308404219904000000L, null },
                    { "TW", "R_APAC", 1308404219904000000L, null },
                    { "TZ", "R_AFR", 1308404219904000000L, null },
                    { "UA", "R_CEE", 1308404219904000000L, null },
                    { "UG", "R_AFR", 1308404219904000000L, null },
                    { "UY", "R_LATAM", 1308404219904000000L, null },
                    { "UZ", "R_APAC", 1308404219904000000L, null },
                    { "VE", "R_LATAM", 1308404219904000000L, null },
                    { "VN", "R_APAC", 1308404219904000000L, null },
                    { "YE", "R_ME", 1308404219904000000L, null },
                    { "ZM", "R_AFR", 1308404219904000000L, null },
                    { "ZW", "R_AFR", 1308404219904000000L, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_PriceRegionCountries_Market",
                table: "PriceRegionCountries",
                column: "Market");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PriceRegionCountries");
        }
    }
}
