using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace InboxApp.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PriceTableMetaRegions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "MarketPrices",
                columns: new[] { "Market", "AuthenticationMicros", "Currency", "MarketingMicros", "Name", "ServiceMicros", "UpdatedAt", "UpdatedById", "UtilityMicros" },
                values: new object[,]
                {
                    { "R_AFR", 4000L, "USD", 22500L, "Rest of Africa", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 4000L },
                    { "R_APAC", 11300L, "USD", 73200L, "Rest of Asia Pacific", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 11300L },
                    { "R_CEE", 21200L, "USD", 86000L, "Rest of Central & Eastern Europe", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 21200L },
                    { "R_LATAM", 11300L, "USD", 74000L, "Rest of Latin America", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 11300L },
                    { "R_ME", 9100L, "USD", 34100L, "Rest of Middle East", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 9100L },
                    { "R_WEU", 17100L, "USD", 59200L, "Rest of Western Europe", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 17100L }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "MarketPrices",
                keyColumn: "Market",
                keyValue: "R_AFR");

            migrationBuilder.DeleteData(
                table: "MarketPrices",
                keyColumn: "Market",
                keyValue: "R_APAC");

            migrationBuilder.DeleteData(
                table: "MarketPrices",
                keyColumn: "Market",
                keyValue: "R_CEE");

            migrationBuilder.DeleteData(
                table: "MarketPrices",
                keyColumn: "Market",
                keyValue: "R_LATAM");

            migrationBuilder.DeleteData(
                table: "MarketPrices",
                keyColumn: "Market",
                keyValue: "R_ME");

            migrationBuilder.DeleteData(
                table: "MarketPrices",
                keyColumn: "Market",
                keyValue: "R_WEU");
        }
    }
}
