using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SharedInboxLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SentByLinkId",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SharedInboxLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PhoneNumberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TokenPrefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReadInbox = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReadDetails = table.Column<bool>(type: "INTEGER", nullable: false),
                    MarkRead = table.Column<bool>(type: "INTEGER", nullable: false),
                    SendText = table.Column<bool>(type: "INTEGER", nullable: false),
                    SendMedia = table.Column<bool>(type: "INTEGER", nullable: false),
                    SendTemplates = table.Column<bool>(type: "INTEGER", nullable: false),
                    SendAdvanced = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowedOrigins = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RotatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedInboxLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharedInboxLinks_PhoneNumbers_PhoneNumberId",
                        column: x => x.PhoneNumberId,
                        principalTable: "PhoneNumbers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SharedInboxLinkActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedInboxLinkActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharedInboxLinkActivities_SharedInboxLinks_LinkId",
                        column: x => x.LinkId,
                        principalTable: "SharedInboxLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SharedInboxLinkActivities_LinkId_At",
                table: "SharedInboxLinkActivities",
                columns: new[] { "LinkId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SharedInboxLinks_OrganizationId_CreatedAt",
                table: "SharedInboxLinks",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SharedInboxLinks_PhoneNumberId",
                table: "SharedInboxLinks",
                column: "PhoneNumberId");

            migrationBuilder.CreateIndex(
                name: "IX_SharedInboxLinks_TokenHash",
                table: "SharedInboxLinks",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SharedInboxLinkActivities");

            migrationBuilder.DropTable(
                name: "SharedInboxLinks");

            migrationBuilder.DropColumn(
                name: "SentByLinkId",
                table: "Messages");
        }
    }
}
