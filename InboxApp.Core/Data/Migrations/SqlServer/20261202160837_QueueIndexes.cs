using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_Status_NextAttemptAt",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_Status_ReceivedAt",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_Messages_WaMessageId",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_Claimed",
                table: "WebhookDeliveries",
                column: "ClaimedUntil",
                filter: "\"Status\" = 'PROCESSING'");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_Pending",
                table: "WebhookDeliveries",
                column: "ReceivedAt",
                filter: "\"Status\" = 'PENDING'");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_Problems",
                table: "WebhookDeliveries",
                column: "ReceivedAt",
                filter: "\"Status\" IN ('UNROUTABLE', 'MALFORMED', 'FAILED')");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_RetryDue",
                table: "WebhookDeliveries",
                column: "NextAttemptAt",
                filter: "\"Status\" = 'FAILED'");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_OrganizationId_WaMessageId",
                table: "Messages",
                columns: new[] { "OrganizationId", "WaMessageId" },
                unique: true,
                filter: "[WaMessageId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_Claimed",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_Pending",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_Problems",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_RetryDue",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_Messages_OrganizationId_WaMessageId",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_Status_NextAttemptAt",
                table: "WebhookDeliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_Status_ReceivedAt",
                table: "WebhookDeliveries",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_WaMessageId",
                table: "Messages",
                column: "WaMessageId",
                unique: true,
                filter: "[WaMessageId] IS NOT NULL");
        }
    }
}
