using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.Sqlite
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
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RuleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RuleName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RoutedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AssignedToId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OffHoursReplyFor = table.Column<long>(type: "INTEGER", nullable: true),
                    MaintenanceRepliedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IdleReturnedFromId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IdleReturnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationRouting", x => x.ConversationId);
                });

            migrationBuilder.CreateTable(
                name: "RoutingRule",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MatchType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ConditionsJson = table.Column<string>(type: "TEXT", maxLength: 64000, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutingRule", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RoutingSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DefaultTeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BusinessHoursJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    OffHoursEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    OffHoursMessage = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MaintenanceEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    MaintenanceMessage = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    IdleAgentEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    IdleAgentMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    RulesVersion = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutingSettings", x => x.OrganizationId);
                });

            migrationBuilder.CreateTable(
                name: "TeamRouting",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DefaultCapacity = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberCapacitiesJson = table.Column<string>(type: "TEXT", maxLength: 64000, nullable: false),
                    ScheduleJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    LastAssignedUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
