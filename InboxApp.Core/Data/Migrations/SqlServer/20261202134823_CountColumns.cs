using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CountColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_NeedsAction",
                table: "Conversations");

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
                name: "IX_Conversations_Unread",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_AssigneeId_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations",
                columns: new[] { "OrganizationId", "AssigneeId", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Category_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Category", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations",
                columns: new[] { "OrganizationId", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Origin_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Origin", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Status_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Status", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_TeamId_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations",
                columns: new[] { "OrganizationId", "TeamId", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_AssigneeId_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_Category_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_Origin_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_Status_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OrganizationId_TeamId_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_NeedsAction",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Status", "AssigneeId", "TeamId", "Category", "Origin" },
                filter: "\"LastMessageDirection\" = 'INBOUND'");

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
                name: "IX_Conversations_Unread",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Status", "AssigneeId", "TeamId", "Category", "Origin" },
                filter: "\"UnreadCount\" > 0");
        }
    }
}
