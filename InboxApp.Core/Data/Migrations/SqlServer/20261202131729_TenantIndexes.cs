using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TenantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_MediaStatus_MediaNextAttemptAt",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_OrganizationId_ContextWaMessageId",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_MediaFailed",
                table: "Messages",
                columns: new[] { "MediaStatus", "MediaNextAttemptAt" },
                filter: "\"MediaStatus\" = 'FAILED'");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_MediaPending",
                table: "Messages",
                columns: new[] { "MediaStatus", "MediaNextAttemptAt" },
                filter: "\"MediaStatus\" = 'PENDING'");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_OrganizationId_ContextWaMessageId",
                table: "Messages",
                columns: new[] { "OrganizationId", "ContextWaMessageId" },
                filter: "\"ContextWaMessageId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Status_LastMessageDirection_UnreadCount",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Status", "LastMessageDirection", "UnreadCount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_MediaFailed",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_MediaPending",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_OrganizationId_ContextWaMessageId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_Status_LastMessageDirection_UnreadCount",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_MediaStatus_MediaNextAttemptAt",
                table: "Messages",
                columns: new[] { "MediaStatus", "MediaNextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_OrganizationId_ContextWaMessageId",
                table: "Messages",
                columns: new[] { "OrganizationId", "ContextWaMessageId" });
        }
    }
}
