using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.Postgres
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
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    RuleId = table.Column<Guid>(type: "uuid", nullable: true),
                    RuleName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Decision = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RoutedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AssignedToId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OffHoursReplyFor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MaintenanceRepliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IdleReturnedFromId = table.Column<Guid>(type: "uuid", nullable: true),
                    IdleReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationRouting", x => x.ConversationId);
                });

            migrationBuilder.CreateTable(
                name: "RoutingRule",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    MatchType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ConditionsJson = table.Column<string>(type: "character varying(64000)", maxLength: 64000, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutingRule", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RoutingSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DefaultTeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    BusinessHoursJson = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: true),
                    OffHoursEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    OffHoursMessage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    MaintenanceEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    MaintenanceMessage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IdleAgentEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    IdleAgentMinutes = table.Column<int>(type: "integer", nullable: false),
                    RulesVersion = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutingSettings", x => x.OrganizationId);
                });

            migrationBuilder.CreateTable(
                name: "TeamRouting",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Mode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DefaultCapacity = table.Column<int>(type: "integer", nullable: false),
                    MemberCapacitiesJson = table.Column<string>(type: "character varying(64000)", maxLength: 64000, nullable: false),
                    ScheduleJson = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: true),
                    LastAssignedUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
