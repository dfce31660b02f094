using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddMessageTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MessageTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AccountId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: false),
                    Language = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ParameterFormat = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ComponentsJson = table.Column<string>(type: "nvarchar(max)", maxLength: 65536, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    QualityScore = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    MetaTemplateId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    HeaderMediaPath = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    HeaderMediaMimeType = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    HeaderMediaFileName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: true),
                    CreatedById = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastSyncedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageTemplates_WhatsAppAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "WhatsAppAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_AccountId_Name_Language",
                table: "MessageTemplates",
                columns: new[] { "AccountId", "Name", "Language" },
                unique: true,
                filter: "\"Status\" <> 'REMOVED'");

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_MetaTemplateId",
                table: "MessageTemplates",
                column: "MetaTemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_OrganizationId_Name",
                table: "MessageTemplates",
                columns: new[] { "OrganizationId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_OrganizationId_Status_Name",
                table: "MessageTemplates",
                columns: new[] { "OrganizationId", "Status", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessageTemplates");
        }
    }
}
