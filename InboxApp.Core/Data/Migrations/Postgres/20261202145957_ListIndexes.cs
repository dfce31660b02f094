using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
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

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_AssigneeId_LastMessageAt_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_Category_LastMessageAt_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_LastMessageAt_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_Origin_LastMessageAt_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_Status_LastMessageAt_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_TeamId_LastMessageAt_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_WaitingSince_Id",
                table: "Conversations");

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
                name: "IX_Conversations_OrganizationId_AssigneeId_LastMessageAt_Id_Un~",
                table: "Conversations",
                columns: new[] { "OrganizationId", "AssigneeId", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Category_LastMessageAt_Id_Unre~",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Category", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_LastMessageAt_Id_UnreadCount_L~",
                table: "Conversations",
                columns: new[] { "OrganizationId", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Origin_LastMessageAt_Id_Unread~",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Origin", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Status_LastMessageAt_Id_Unread~",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Status", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_TeamId_LastMessageAt_Id_Unread~",
                table: "Conversations",
                columns: new[] { "OrganizationId", "TeamId", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "WaitingSince", "Id" },
                filter: "\"WaitingSince\" IS NOT NULL");
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
                name: "IX_Conversations_OrganizationId_AssigneeId_LastMessageAt_Id_Un~",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_Category_LastMessageAt_Id_Unre~",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_LastMessageAt_Id_UnreadCount_L~",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_Origin_LastMessageAt_Id_Unread~",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_Status_LastMessageAt_Id_Unread~",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_TeamId_LastMessageAt_Id_Unread~",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_WaitingSince_Id",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_MediaStatus_MediaNextAttemptAt",
                table: "Messages",
                columns: new[] { "MediaStatus", "MediaNextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_OrganizationId_ContextWaMessageId",
                table: "Messages",
                columns: new[] { "OrganizationId", "ContextWaMessageId" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_AssigneeId_LastMessageAt_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "AssigneeId", "LastMessageAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Category_LastMessageAt_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Category", "LastMessageAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_LastMessageAt_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "LastMessageAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Origin_LastMessageAt_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Origin", "LastMessageAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Status_LastMessageAt_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Status", "LastMessageAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_TeamId_LastMessageAt_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "TeamId", "LastMessageAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "WaitingSince", "Id" });
        }
    }
}
