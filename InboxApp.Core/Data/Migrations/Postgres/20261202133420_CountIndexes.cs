using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CountIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_Status_LastMessageDirection_Un~",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_WaitingSince_Id",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_NeedsAction",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Status", "AssigneeId", "TeamId", "Category", "Origin" },
                filter: "\"LastMessageDirection\" = 'INBOUND'");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "WaitingSince", "Id" },
                filter: "\"WaitingSince\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Unread",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Status", "AssigneeId", "TeamId", "Category", "Origin" },
                filter: "\"UnreadCount\" > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_NeedsAction",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_WaitingSince_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Unread",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Status_LastMessageDirection_Un~",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Status", "LastMessageDirection", "UnreadCount" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "WaitingSince", "Id" });
        }
    }
}
