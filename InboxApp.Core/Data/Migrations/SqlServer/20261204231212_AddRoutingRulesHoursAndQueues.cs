using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddRoutingRulesHoursAndQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConversationRouting",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RuleId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RuleName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Decision = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    RoutedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    QueuedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    AssignedToId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AssignedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    OffHoursReplyFor = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    MaintenanceRepliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    IdleReturnedFromId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    IdleReturnedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationRouting", x => x.ConversationId);
                });

            migrationBuilder.CreateTable(
                name: "RoutingRule",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MatchType = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ConditionsJson = table.Column<string>(type: "nvarchar(max)", maxLength: 64000, nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    Priority = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutingRule", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RoutingSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DefaultTeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    BusinessHoursJson = table.Column<string>(type: "nvarchar(max)", maxLength: 16000, nullable: true),
                    OffHoursEnabled = table.Column<bool>(type: "bit", nullable: false),
                    OffHoursMessage = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    MaintenanceEnabled = table.Column<bool>(type: "bit", nullable: false),
                    MaintenanceMessage = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    IdleAgentEnabled = table.Column<bool>(type: "bit", nullable: false),
                    IdleAgentMinutes = table.Column<int>(type: "int", nullable: false),
                    RulesVersion = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutingSettings", x => x.OrganizationId);
                });

            migrationBuilder.CreateTable(
                name: "TeamRouting",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Mode = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    DefaultCapacity = table.Column<int>(type: "int", nullable: false),
                    MemberCapacitiesJson = table.Column<string>(type: "nvarchar(max)", maxLength: 64000, nullable: false),
                    ScheduleJson = table.Column<string>(type: "nvarchar(max)", maxLength: 16000, nullable: true),
                    LastAssignedUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamRouting", x => x.TeamId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationRouting_OrganizationId_TeamId_QueuedAt",
                table: "ConversationRouting",
                columns: new[] { "OrganizationId", "TeamId", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RoutingRule_OrganizationId_Priority",
                table: "RoutingRule",
                columns: new[] { "OrganizationId", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_RoutingSettings_IdleAgentEnabled",
                table: "RoutingSettings",
                column: "IdleAgentEnabled");

            migrationBuilder.CreateIndex(
                name: "IX_TeamRouting_OrganizationId",
                table: "TeamRouting",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversationRouting");

            migrationBuilder.DropTable(
                name: "RoutingRule");

            migrationBuilder.DropTable(
                name: "RoutingSettings");

            migrationBuilder.DropTable(
                name: "TeamRouting");
        }
    }
}
