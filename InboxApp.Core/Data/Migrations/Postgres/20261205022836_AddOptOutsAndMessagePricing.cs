using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace InboxApp.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddOptOutsAndMessagePricing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MarketPrices",
                columns: table => new
                {
                    Market = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MarketingMicros = table.Column<long>(type: "bigint", nullable: false),
                    UtilityMicros = table.Column<long>(type: "bigint", nullable: false),
                    AuthenticationMicros = table.Column<long>(type: "bigint", nullable: false),
                    ServiceMicros = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketPrices", x => x.Market);
                });

            migrationBuilder.CreateTable(
                name: "MessageCosts",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Market = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    PriceMicros = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    BilledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageCosts", x => x.MessageId);
                });

            migrationBuilder.CreateTable(
                name: "OptOuts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PhoneKey = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Phone = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: true),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Keyword = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AddedById = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemovedById = table.Column<Guid>(type: "uuid", nullable: true),
                    RemovedByMessageId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptOuts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OptOutSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    KeywordsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    StopKeywords = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    StartKeywords = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    OptOutReply = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OptInReply = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptOutSettings", x => x.OrganizationId);
                });

            migrationBuilder.InsertData(
                table: "MarketPrices",
                columns: new[] { "Market", "AuthenticationMicros", "Currency", "MarketingMicros", "Name", "ServiceMicros", "UpdatedAt", "UpdatedById", "UtilityMicros" },
                values: new object[,]
                {
                    { "1", 13500L, "USD", 25000L, "North America", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 3400L },
                    { "20", 3600L, "USD", 64400L, "Egypt", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 3600L },
                    { "234", 6700L, "USD", 51600L, "Nigeria", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 6700L },
                    { "27", 7600L, "USD", 37900L, "South Africa", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 7600L },
                    { "31", 50000L, "USD", 159700L, "Netherlands", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 50000L },
                    { "33", 30000L, "USD", 85900L, "France", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 30000L },
                    { "34", 20000L, "USD", 61500L, "Spain", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 20000L },
                    { "39", 30000L, "USD", 69100L, "Italy", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 30000L },
                    { "44", 22000L, "USD", 52900L, "United Kingdom", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 22000L },
                    { "49", 55000L, "USD", 136500L, "Germany", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 55000L },
                    { "51", 20000L, "USD", 70300L, "Peru", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 20000L },
                    { "52", 8500L, "USD", 30500L, "Mexico", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 8500L },
                    { "54", 26000L, "USD", 61800L, "Argentina", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 26000L },
                    { "55", 6800L, "USD", 62500L, "Brazil", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 6800L },
                    { "56", 20000L, "USD", 88900L, "Chile", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 20000L },
                    { "57", 800L, "USD", 12500L, "Colombia", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 800L },
                    { "60", 14000L, "USD", 86000L, "Malaysia", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 14000L },
                    { "62", 25000L, "USD", 41100L, "Indonesia", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 25000L },
                    { "7", 40000L, "USD", 80200L, "Russia", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 40000L },
                    { "90", 5300L, "USD", 10900L, "Turkey", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 5300L },
                    { "91", 1400L, "USD", 10700L, "India", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 1400L },
                    { "92", 5400L, "USD", 47300L, "Pakistan", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 5400L },
                    { "966", 10700L, "USD", 45500L, "Saudi Arabia", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 11500L },
                    { "971", 15700L, "USD", 38400L, "United Arab Emirates", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 15700L },
                    { "972", 5300L, "USD", 35300L, "Israel", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 5300L },
                    { "DEFAULT", 7700L, "USD", 60400L, "Other", 0L, new DateTimeOffset(new DateTime(2025, 7, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, 7700L }
                });

            migrationBuilder.CreateIndex(
                name: "IX_MessageCosts_OrganizationId_BilledAt",
                table: "MessageCosts",
                columns: new[] { "OrganizationId", "BilledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OptOuts_OrganizationId_PhoneKey",
                table: "OptOuts",
                columns: new[] { "OrganizationId", "PhoneKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OptOuts_OrganizationId_RemovedAt_CreatedAt",
                table: "OptOuts",
                columns: new[] { "OrganizationId", "RemovedAt", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MarketPrices");

            migrationBuilder.DropTable(
                name: "MessageCosts");

            migrationBuilder.DropTable(
                name: "OptOuts");

            migrationBuilder.DropTable(
                name: "OptOutSettings");
        }
    }
}
