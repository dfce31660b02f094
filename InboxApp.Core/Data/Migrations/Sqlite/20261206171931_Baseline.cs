using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace InboxApp.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AgentPresence",
                columns: table => new
                {
                    NodeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentPresence", x => new { x.NodeId, x.UserId });
                });

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
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MarketPrices",
                columns: table => new
                {
                    Market = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MarketingMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    UtilityMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthenticationMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketPrices", x => x.Market);
                });

            migrationBuilder.CreateTable(
                name: "MessageCosts",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Market = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PriceMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    BilledAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageCosts", x => x.MessageId);
                });

            migrationBuilder.CreateTable(
                name: "OptOuts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PhoneKey = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AddedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RemovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RemovedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    RemovedByMessageId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptOuts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OptOutSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeywordsEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    StopKeywords = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    StartKeywords = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OptOutReply = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OptInReply = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptOutSettings", x => x.OrganizationId);
                });

            migrationBuilder.CreateTable(
                name: "Partners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AllowedOrigins = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Partners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PriceRegionCountries",
                columns: table => new
                {
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Market = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriceRegionCountries", x => x.Country);
                });

            migrationBuilder.CreateTable(
                name: "QuickReplies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Shortcut = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    MediaPath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    MediaMimeType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    MediaFileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    MediaSize = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuickReplies", x => x.Id);
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
                name: "SignupRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganizationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignupRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Color = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tags", x => x.Id);
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

            migrationBuilder.CreateTable(
                name: "Teams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Teams", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", maxLength: 4194304, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kinds = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MessageCount = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OnboardingCompleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    BotEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InterestStamp = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Organizations_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartnerApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerApiKeys_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChannelAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PhoneNumberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChannelAlerts_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InvitedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SendCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Invitations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MetaAppConfigs",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConfigId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AppSecretProtected = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetaAppConfigs", x => x.OrganizationId);
                    table.ForeignKey(
                        name: "FK_MetaAppConfigs_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OnboardingLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RedirectUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PhoneNumberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedByApiKeyId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnboardingLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OnboardingLinks_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationFrameOrigins",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Origins = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationFrameOrigins", x => x.OrganizationId);
                    table.ForeignKey(
                        name: "FK_OrganizationFrameOrigins_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutboxDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Listener = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxDeliveries_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutgoingWebhooks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Events = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SealedSecret = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SealedPreviousSecret = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PreviousSecretExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    DisabledReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DisabledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutgoingWebhooks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutgoingWebhooks_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    OnlineStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AvatarPath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    LastLoginAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Users_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WhatsAppAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WabaId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BusinessId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AccessTokenProtected = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IsSandbox = table.Column<bool>(type: "INTEGER", nullable: false),
                    AppSubscribed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DisconnectedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    BanState = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Restrictions = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhatsAppAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WhatsAppAccounts_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WhatsAppConnectTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OnboardingLinkId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReservedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhatsAppConnectTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WhatsAppConnectTokens_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutgoingWebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebhookId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceEventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrderKey = table.Column<Guid>(type: "TEXT", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    GiveUpAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResponseStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    LatencyMs = table.Column<int>(type: "INTEGER", nullable: true),
                    ResponseExcerpt = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutgoingWebhookDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutgoingWebhookDeliveries_OutgoingWebhooks_WebhookId",
                        column: x => x.WebhookId,
                        principalTable: "OutgoingWebhooks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LoginCodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsumedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoginCodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LoginCodes_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RefreshTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefreshTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RefreshTokens_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RevokedSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevokedSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RevokedSessions_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamMembers",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMembers", x => new { x.TeamId, x.UserId });
                    table.ForeignKey(
                        name: "FK_TeamMembers_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TeamMembers_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MessageTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ParameterFormat = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ComponentsJson = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    QualityScore = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MetaTemplateId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    HeaderMediaPath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    HeaderMediaMimeType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    HeaderMediaFileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSyncedAt = table.Column<long>(type: "INTEGER", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "PhoneNumbers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MetaPhoneNumberId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayPhoneNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    VerifiedName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    QualityRating = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MessagingLimitTier = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ThroughputLevel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    RegistrationStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RegistrationError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SendRatePerSecond = table.Column<int>(type: "INTEGER", nullable: false),
                    CanReceiveMessages = table.Column<bool>(type: "INTEGER", nullable: false),
                    CanSendMessages = table.Column<bool>(type: "INTEGER", nullable: false),
                    CanSendTemplates = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    HealthReasonsJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    HealthCheckedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HealthResyncQueuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhoneNumbers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PhoneNumbers_WhatsAppAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "WhatsAppAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TemplateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TemplateName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PhoneNumberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ScheduledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PausedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PauseReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TotalRecipients = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Campaigns_PhoneNumbers_PhoneNumberId",
                        column: x => x.PhoneNumberId,
                        principalTable: "PhoneNumbers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PhoneNumberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Identifier = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    WaId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Bsuid = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    PhoneKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Username = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProfileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AttributesJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    ReplyTo = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_PhoneNumbers_PhoneNumberId",
                        column: x => x.PhoneNumberId,
                        principalTable: "PhoneNumbers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SandboxFailure",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PhoneNumberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ErrorCode = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxFailure", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SandboxFailure_PhoneNumbers_PhoneNumberId",
                        column: x => x.PhoneNumberId,
                        principalTable: "PhoneNumbers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "CampaignRecipients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PhoneKey = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VariablesJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WaMessageId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RepliedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ErrorCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ErrorTitle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SkipReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignRecipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignRecipients_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Conversations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PhoneNumberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UnreadCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastMessagePreview = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastMessageAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastMessageDirection = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    LastCustomerMessageAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstResponseAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WaitingSince = table.Column<long>(type: "INTEGER", nullable: true),
                    FollowUpNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FollowUpDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FollowUpById = table.Column<Guid>(type: "TEXT", nullable: true),
                    FollowUpSetAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HandoffSummary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conversations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Conversations_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Conversations_PhoneNumbers_PhoneNumberId",
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

            migrationBuilder.CreateTable(
                name: "ConversationTags",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TagId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationTags", x => new { x.ConversationId, x.TagId });
                    table.ForeignKey(
                        name: "FK_ConversationTags_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConversationTags_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    WaMessageId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    Caption = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    MediaId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    MimeType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    MediaSize = table.Column<long>(type: "INTEGER", nullable: true),
                    MediaSha256 = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    MediaStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MediaPath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    MediaAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    MediaNextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MediaError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    LocationName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    LocationAddress = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReplyOptionId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReplyOptionTitle = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ContextWaMessageId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Emoji = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ErrorCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ErrorTitle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ErrorDetails = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PricingCategory = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Billable = table.Column<bool>(type: "INTEGER", nullable: true),
                    RawJson = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: true),
                    EditedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentById = table.Column<Guid>(type: "TEXT", nullable: true),
                    SentByLinkId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IsHidden = table.Column<bool>(type: "INTEGER", nullable: false),
                    DiscardedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Messages_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "MarketPrices",
                columns: new[] { "Market", "AuthenticationMicros", "Currency", "MarketingMicros", "Name", "ServiceMicros", "UpdatedAt", "UpdatedById", "UtilityMicros" },
                values: new object[,]
                {
                    { "1", 13500L, "USD", 25000L, "North America", 0L, 1308404219904000000L, null, 3400L },
                    { "20", 3600L, "USD", 64400L, "Egypt", 0L, 1308404219904000000L, null, 3600L },
                    { "234", 6700L, "USD", 51600L, "Nigeria", 0L, 1308404219904000000L, null, 6700L },
                    { "27", 7600L, "USD", 37900L, "South Africa", 0L, 1308404219904000000L, null, 7600L },
                    { "31", 50000L, "USD", 159700L, "Netherlands", 0L, 1308404219904000000L, null, 50000L },
                    { "33", 30000L, "USD", 85900L, "France", 0L, 1308404219904000000L, null, 30000L },
                    { "34", 20000L, "USD", 61500L, "Spain", 0L, 1308404219904000000L, null, 20000L },
                    { "39", 30000L, "USD", 69100L, "Italy", 0L, 1308404219904000000L, null, 30000L },
                    { "44", 22000L, "USD", 52900L, "United Kingdom", 0L, 1308404219904000000L, null, 22000L },
                    { "49", 55000L, "USD", 136500L, "Germany", 0L, 1308404219904000000L, null, 55000L },
                    { "51", 20000L, "USD", 70300L, "Peru", 0L, 1308404219904000000L, null, 20000L },
                    { "52", 8500L, "USD", 30500L, "Mexico", 0L, 1308404219904000000L, null, 8500L },
                    { "54", 26000L, "USD", 61800L, "Argentina", 0L, 1308404219904000000L, null, 26000L },
                    { "55", 6800L, "USD", 62500L, "Brazil", 0L, 1308404219904000000L, null, 6800L },
                    { "56", 20000L, "USD", 88900L, "Chile", 0L, 1308404219904000000L, null, 20000L },
                    { "57", 800L, "USD", 12500L, "Colombia", 0L, 1308404219904000000L, null, 800L },
                    { "60", 14000L, "USD", 86000L, "Malaysia", 0L, 1308404219904000000L, null, 14000L },
                    { "62", 25000L, "USD", 41100L, "Indonesia", 0L, 1308404219904000000L, null, 25000L },
                    { "7", 40000L, "USD", 80200L, "Russia", 0L, 1308404219904000000L, null, 40000L },
                    { "90", 5300L, "USD", 10900L, "Turkey", 0L, 1308404219904000000L, null, 5300L },
                    { "91", 1400L, "USD", 10700L, "India", 0L, 1308404219904000000L, null, 1400L },
                    { "92", 5400L, "USD", 47300L, "Pakistan", 0L, 1308404219904000000L, null, 5400L },
                    { "966", 10700L, "USD", 45500L, "Saudi Arabia", 0L, 1308404219904000000L, null, 11500L },
                    { "971", 15700L, "USD", 38400L, "United Arab Emirates", 0L, 1308404219904000000L, null, 15700L },
                    { "972", 5300L, "USD", 35300L, "Israel", 0L, 1308404219904000000L, null, 5300L },
                    { "DEFAULT", 7700L, "USD", 60400L, "Other", 0L, 1308404219904000000L, null, 7700L },
                    { "R_AFR", 4000L, "USD", 22500L, "Rest of Africa", 0L, 1308404219904000000L, null, 4000L },
                    { "R_APAC", 11300L, "USD", 73200L, "Rest of Asia Pacific", 0L, 1308404219904000000L, null, 11300L },
                    { "R_CEE", 21200L, "USD", 86000L, "Rest of Central & Eastern Europe", 0L, 1308404219904000000L, null, 21200L },
                    { "R_LATAM", 11300L, "USD", 74000L, "Rest of Latin America", 0L, 1308404219904000000L, null, 11300L },
                    { "R_ME", 9100L, "USD", 34100L, "Rest of Middle East", 0L, 1308404219904000000L, null, 9100L },
                    { "R_WEU", 17100L, "USD", 59200L, "Rest of Western Europe", 0L, 1308404219904000000L, null, 17100L }
                });

            migrationBuilder.InsertData(
                table: "PriceRegionCountries",
                columns: new[] { "Country", "Market", "UpdatedAt", "UpdatedById" },
                values: new object[,]
                {
                    { "AD", "R_WEU", 1308404219904000000L, null },
                    { "AF", "R_APAC", 1308404219904000000L, null },
                    { "AG", "R_LATAM", 1308404219904000000L, null },
                    { "AI", "R_LATAM", 1308404219904000000L, null },
                    { "AL", "R_CEE", 1308404219904000000L, null },
                    { "AM", "R_CEE", 1308404219904000000L, null },
                    { "AO", "R_AFR", 1308404219904000000L, null },
                    { "AT", "R_WEU", 1308404219904000000L, null },
                    { "AU", "R_APAC", 1308404219904000000L, null },
                    { "AW", "R_LATAM", 1308404219904000000L, null },
                    { "AZ", "R_CEE", 1308404219904000000L, null },
                    { "BD", "R_APAC", 1308404219904000000L, null },
                    { "BE", "R_WEU", 1308404219904000000L, null },
                    { "BF", "R_AFR", 1308404219904000000L, null },
                    { "BG", "R_CEE", 1308404219904000000L, null },
                    { "BH", "R_ME", 1308404219904000000L, null },
                    { "BI", "R_AFR", 1308404219904000000L, null },
                    { "BJ", "R_AFR", 1308404219904000000L, null },
                    { "BO", "R_LATAM", 1308404219904000000L, null },
                    { "BS", "R_LATAM", 1308404219904000000L, null },
                    { "BW", "R_AFR", 1308404219904000000L, null },
                    { "BY", "R_CEE", 1308404219904000000L, null },
                    { "CG", "R_AFR", 1308404219904000000L, null },
                    { "CH", "R_WEU", 1308404219904000000L, null },
                    { "CI", "R_AFR", 1308404219904000000L, null },
                    { "CM", "R_AFR", 1308404219904000000L, null },
                    { "CN", "R_APAC", 1308404219904000000L, null },
                    { "CR", "R_LATAM", 1308404219904000000L, null },
                    { "CZ", "R_CEE", 1308404219904000000L, null },
                    { "DK", "R_WEU", 1308404219904000000L, null },
                    { "DO", "R_LATAM", 1308404219904000000L, null },
                    { "DZ", "R_AFR", 1308404219904000000L, null },
                    { "EC", "R_LATAM", 1308404219904000000L, null },
                    { "ER", "R_AFR", 1308404219904000000L, null },
                    { "ET", "R_AFR", 1308404219904000000L, null },
                    { "FI", "R_WEU", 1308404219904000000L, null },
                    { "GA", "R_AFR", 1308404219904000000L, null },
                    { "GE", "R_CEE", 1308404219904000000L, null },
                    { "GH", "R_AFR", 1308404219904000000L, null },
                    { "GM", "R_AFR", 1308404219904000000L, null },
                    { "GR", "R_CEE", 1308404219904000000L, null },
                    { "GT", "R_LATAM", 1308404219904000000L, null },
                    { "GW", "R_AFR", 1308404219904000000L, null },
                    { "HK", "R_APAC", 1308404219904000000L, null },
                    { "HN", "R_LATAM", 1308404219904000000L, null },
                    { "HR", "R_CEE", 1308404219904000000L, null },
                    { "HT", "R_LATAM", 1308404219904000000L, null },
                    { "HU", "R_CEE", 1308404219904000000L, null },
                    { "IE", "R_WEU", 1308404219904000000L, null },
                    { "IQ", "R_ME", 1308404219904000000L, null },
                    { "JM", "R_LATAM", 1308404219904000000L, null },
                    { "JO", "R_ME", 1308404219904000000L, null },
                    { "JP", "R_APAC", 1308404219904000000L, null },
                    { "KE", "R_AFR", 1308404219904000000L, null },
                    { "KH", "R_APAC", 1308404219904000000L, null },
                    { "KW", "R_ME", 1308404219904000000L, null },
                    { "LA", "R_APAC", 1308404219904000000L, null },
                    { "LB", "R_ME", 1308404219904000000L, null },
                    { "LK", "R_APAC", 1308404219904000000L, null },
                    { "LR", "R_AFR", 1308404219904000000L, null },
                    { "LS", "R_AFR", 1308404219904000000L, null },
                    { "LT", "R_CEE", 1308404219904000000L, null },
                    { "LV", "R_CEE", 1308404219904000000L, null },
                    { "LY", "R_AFR", 1308404219904000000L, null },
                    { "MA", "R_AFR", 1308404219904000000L, null },
                    { "MD", "R_CEE", 1308404219904000000L, null },
                    { "MG", "R_AFR", 1308404219904000000L, null },
                    { "MK", "R_CEE", 1308404219904000000L, null },
                    { "ML", "R_AFR", 1308404219904000000L, null },
                    { "MN", "R_APAC", 1308404219904000000L, null },
                    { "MR", "R_AFR", 1308404219904000000L, null },
                    { "MW", "R_AFR", 1308404219904000000L, null },
                    { "MZ", "R_AFR", 1308404219904000000L, null },
                    { "NA", "R_AFR", 1308404219904000000L, null },
                    { "NE", "R_AFR", 1308404219904000000L, null },
                    { "NI", "R_LATAM", 1308404219904000000L, null },
                    { "NO", "R_WEU", 1308404219904000000L, null },
                    { "NP", "R_APAC", 1308404219904000000L, null },
                    { "NZ", "R_APAC", 1308404219904000000L, null },
                    { "OM", "R_ME", 1308404219904000000L, null },
                    { "PA", "R_LATAM", 1308404219904000000L, null },
                    { "PG", "R_APAC", 1308404219904000000L, null },
                    { "PH", "R_APAC", 1308404219904000000L, null },
                    { "PL", "R_CEE", 1308404219904000000L, null },
                    { "PR", "R_LATAM", 1308404219904000000L, null },
                    { "PT", "R_WEU", 1308404219904000000L, null },
                    { "PY", "R_LATAM", 1308404219904000000L, null },
                    { "QA", "R_ME", 1308404219904000000L, null },
                    { "RO", "R_CEE", 1308404219904000000L, null },
                    { "RS", "R_CEE", 1308404219904000000L, null },
                    { "RW", "R_AFR", 1308404219904000000L, null },
                    { "SD", "R_AFR", 1308404219904000000L, null },
                    { "SE", "R_WEU", 1308404219904000000L, null },
                    { "SG", "R_APAC", 1308404219904000000L, null },
                    { "SI", "R_CEE", 1308404219904000000L, null },
                    { "SK", "R_CEE", 1308404219904000000L, null },
                    { "SL", "R_AFR", 1308404219904000000L, null },
                    { "SN", "R_AFR", 1308404219904000000L, null },
                    { "SO", "R_AFR", 1308404219904000000L, null },
                    { "SS", "R_AFR", 1308404219904000000L, null },
                    { "SV", "R_LATAM", 1308404219904000000L, null },
                    { "SZ", "R_AFR", 1308404219904000000L, null },
                    { "TD", "R_AFR", 1308404219904000000L, null },
                    { "TG", "R_AFR", 1308404219904000000L, null },
                    { "TH", "R_APAC", 1308404219904000000L, null },
                    { "TJ", "R_APAC", 1308404219904000000L, null },
                    { "TM", "R_APAC", 1308404219904000000L, null },
                    { "TN", "R_AFR", 1308404219904000000L, null },
                    { "TW", "R_APAC", 1308404219904000000L, null },
                    { "TZ", "R_AFR", 1308404219904000000L, null },
                    { "UA", "R_CEE", 1308404219904000000L, null },
                    { "UG", "R_AFR", 1308404219904000000L, null },
                    { "UY", "R_LATAM", 1308404219904000000L, null },
                    { "UZ", "R_APAC", 1308404219904000000L, null },
                    { "VE", "R_LATAM", 1308404219904000000L, null },
                    { "VN", "R_APAC", 1308404219904000000L, null },
                    { "YE", "R_ME", 1308404219904000000L, null },
                    { "ZM", "R_AFR", 1308404219904000000L, null },
                    { "ZW", "R_AFR", 1308404219904000000L, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgentPresence_ExpiresAt",
                table: "AgentPresence",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_AgentPresence_OrganizationId_UserId",
                table: "AgentPresence",
                columns: new[] { "OrganizationId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_KeyHash",
                table: "ApiKeys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_OrganizationId",
                table: "ApiKeys",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignRecipients_CampaignId_PhoneKey",
                table: "CampaignRecipients",
                columns: new[] { "CampaignId", "PhoneKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignRecipients_CampaignId_Status_Seq",
                table: "CampaignRecipients",
                columns: new[] { "CampaignId", "Status", "Seq" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignRecipients_ConversationId_Status",
                table: "CampaignRecipients",
                columns: new[] { "ConversationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignRecipients_MessageId",
                table: "CampaignRecipients",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_OrganizationId_CreatedAt",
                table: "Campaigns",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_OrganizationId_Status",
                table: "Campaigns",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_PhoneNumberId_Status",
                table: "Campaigns",
                columns: new[] { "PhoneNumberId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_TemplateId_Status",
                table: "Campaigns",
                columns: new[] { "TemplateId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ChannelAlerts_AccountId",
                table: "ChannelAlerts",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_ChannelAlerts_OrganizationId_AcknowledgedAt_CreatedAt",
                table: "ChannelAlerts",
                columns: new[] { "OrganizationId", "AcknowledgedAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChannelAlerts_OrganizationId_CreatedAt",
                table: "ChannelAlerts",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganizationId_Bsuid",
                table: "Contacts",
                columns: new[] { "OrganizationId", "Bsuid" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganizationId_Identifier",
                table: "Contacts",
                columns: new[] { "OrganizationId", "Identifier" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganizationId_PhoneKey",
                table: "Contacts",
                columns: new[] { "OrganizationId", "PhoneKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganizationId_UpdatedAt_Id",
                table: "Contacts",
                columns: new[] { "OrganizationId", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganizationId_WaId",
                table: "Contacts",
                columns: new[] { "OrganizationId", "WaId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_PhoneNumberId_Identifier",
                table: "Contacts",
                columns: new[] { "PhoneNumberId", "Identifier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_PhoneNumberId_PhoneKey",
                table: "Contacts",
                columns: new[] { "PhoneNumberId", "PhoneKey" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationRouting_OrganizationId_TeamId_QueuedAt",
                table: "ConversationRouting",
                columns: new[] { "OrganizationId", "TeamId", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ContactId_Status",
                table: "Conversations",
                columns: new[] { "ContactId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_AssigneeId_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations",
                columns: new[] { "OrganizationId", "AssigneeId", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_Category_LastMessageAt_Id_UnreadCount_LastMessageDirection",
                table: "Conversations",
                columns: new[] { "OrganizationId", "Category", "LastMessageAt", "Id", "UnreadCount", "LastMessageDirection" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_CreatedAt_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "CreatedAt", "Id" });

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

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "OrganizationId", "WaitingSince", "Id" },
                filter: "\"WaitingSince\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_PhoneNumberId",
                table: "Conversations",
                column: "PhoneNumberId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationTags_OrganizationId_TagId_ConversationId",
                table: "ConversationTags",
                columns: new[] { "OrganizationId", "TagId", "ConversationId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationTags_TagId",
                table: "ConversationTags",
                column: "TagId");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_OrganizationId_NormalizedEmail",
                table: "Invitations",
                columns: new[] { "OrganizationId", "NormalizedEmail" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_TokenHash",
                table: "Invitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LoginCodes_UserId",
                table: "LoginCodes",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageCosts_OrganizationId_BilledAt",
                table: "MessageCosts",
                columns: new[] { "OrganizationId", "BilledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ConversationId_Timestamp_Id",
                table: "Messages",
                columns: new[] { "ConversationId", "Timestamp", "Id" });

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
                name: "IX_Messages_OrganizationId_Direction_Status_CreatedAt",
                table: "Messages",
                columns: new[] { "OrganizationId", "Direction", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_OrganizationId_WaMessageId",
                table: "Messages",
                columns: new[] { "OrganizationId", "WaMessageId" },
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_OnboardingLinks_OrganizationId_CreatedAt",
                table: "OnboardingLinks",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OptOuts_OrganizationId_PhoneKey",
                table: "OptOuts",
                columns: new[] { "OrganizationId", "PhoneKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OptOuts_OrganizationId_RemovedAt_CreatedAt",
                table: "OptOuts",
                columns: new[] { "OrganizationId", "RemovedAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_CreatedAt",
                table: "Organizations",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_PartnerId",
                table: "Organizations",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Slug",
                table: "Organizations",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxDeliveries_CreatedAt",
                table: "OutboxDeliveries",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxDeliveries_OrganizationId_CreatedAt",
                table: "OutboxDeliveries",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxDeliveries_Status_ClaimedUntil",
                table: "OutboxDeliveries",
                columns: new[] { "Status", "ClaimedUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxDeliveries_Status_NextAttemptAt",
                table: "OutboxDeliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingWebhookDeliveries_Status_CreatedAt",
                table: "OutgoingWebhookDeliveries",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingWebhookDeliveries_Status_NextAttemptAt",
                table: "OutgoingWebhookDeliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingWebhookDeliveries_WebhookId_CreatedAt",
                table: "OutgoingWebhookDeliveries",
                columns: new[] { "WebhookId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingWebhookDeliveries_WebhookId_OrderKey_CreatedAt",
                table: "OutgoingWebhookDeliveries",
                columns: new[] { "WebhookId", "OrderKey", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingWebhookDeliveries_WebhookId_SourceEventId",
                table: "OutgoingWebhookDeliveries",
                columns: new[] { "WebhookId", "SourceEventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingWebhooks_OrganizationId_CreatedAt",
                table: "OutgoingWebhooks",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerApiKeys_KeyHash",
                table: "PartnerApiKeys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerApiKeys_PartnerId",
                table: "PartnerApiKeys",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Partners_Name",
                table: "Partners",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_PhoneNumbers_AccountId",
                table: "PhoneNumbers",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_PhoneNumbers_MetaPhoneNumberId",
                table: "PhoneNumbers",
                column: "MetaPhoneNumberId");

            migrationBuilder.CreateIndex(
                name: "IX_PhoneNumbers_OrganizationId",
                table: "PhoneNumbers",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_PriceRegionCountries_Market",
                table: "PriceRegionCountries",
                column: "Market");

            migrationBuilder.CreateIndex(
                name: "IX_QuickReplies_OrganizationId_Shortcut",
                table: "QuickReplies",
                columns: new[] { "OrganizationId", "Shortcut" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RefreshTokens_FamilyId",
                table: "RefreshTokens",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_RefreshTokens_TokenHash",
                table: "RefreshTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RefreshTokens_UserId",
                table: "RefreshTokens",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_RevokedSessions_UserId",
                table: "RevokedSessions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_RoutingRule_OrganizationId_Priority",
                table: "RoutingRule",
                columns: new[] { "OrganizationId", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_RoutingSettings_IdleAgentEnabled",
                table: "RoutingSettings",
                column: "IdleAgentEnabled");

            migrationBuilder.CreateIndex(
                name: "IX_SandboxFailure_PhoneNumberId_ConversationId_CreatedAt",
                table: "SandboxFailure",
                columns: new[] { "PhoneNumberId", "ConversationId", "CreatedAt" });

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

            migrationBuilder.CreateIndex(
                name: "IX_SignupRequests_ExpiresAt",
                table: "SignupRequests",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_SignupRequests_TokenHash",
                table: "SignupRequests",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tags_OrganizationId_NormalizedName",
                table: "Tags",
                columns: new[] { "OrganizationId", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_OrganizationId_UserId",
                table: "TeamMembers",
                columns: new[] { "OrganizationId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_UserId",
                table: "TeamMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamRouting_OrganizationId",
                table: "TeamRouting",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_OrganizationId_NormalizedName",
                table: "Teams",
                columns: new[] { "OrganizationId", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Users_NormalizedEmail",
                table: "Users",
                column: "NormalizedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Users_OrganizationId_Role",
                table: "Users",
                columns: new[] { "OrganizationId", "Role" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_Claimed",
                table: "WebhookDeliveries",
                column: "ClaimedUntil",
                filter: "\"Status\" = 'PROCESSING'");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_OrganizationId_ReceivedAt",
                table: "WebhookDeliveries",
                columns: new[] { "OrganizationId", "ReceivedAt" });

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
                name: "IX_WebhookDeliveries_ReceivedAt",
                table: "WebhookDeliveries",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_RetryDue",
                table: "WebhookDeliveries",
                column: "NextAttemptAt",
                filter: "\"Status\" = 'FAILED'");

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppAccounts_OrganizationId_WabaId",
                table: "WhatsAppAccounts",
                columns: new[] { "OrganizationId", "WabaId" });

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppConnectTokens_ExpiresAt",
                table: "WhatsAppConnectTokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppConnectTokens_OrganizationId",
                table: "WhatsAppConnectTokens",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppConnectTokens_TokenHash",
                table: "WhatsAppConnectTokens",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgentPresence");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "CampaignRecipients");

            migrationBuilder.DropTable(
                name: "ChannelAlerts");

            migrationBuilder.DropTable(
                name: "ConversationRouting");

            migrationBuilder.DropTable(
                name: "ConversationTags");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Invitations");

            migrationBuilder.DropTable(
                name: "LoginCodes");

            migrationBuilder.DropTable(
                name: "MarketPrices");

            migrationBuilder.DropTable(
                name: "MessageCosts");

            migrationBuilder.DropTable(
                name: "Messages");

            migrationBuilder.DropTable(
                name: "MessageTemplates");

            migrationBuilder.DropTable(
                name: "MetaAppConfigs");

            migrationBuilder.DropTable(
                name: "OnboardingLinks");

            migrationBuilder.DropTable(
                name: "OptOuts");

            migrationBuilder.DropTable(
                name: "OptOutSettings");

            migrationBuilder.DropTable(
                name: "OrganizationFrameOrigins");

            migrationBuilder.DropTable(
                name: "OutboxDeliveries");

            migrationBuilder.DropTable(
                name: "OutgoingWebhookDeliveries");

            migrationBuilder.DropTable(
                name: "PartnerApiKeys");

            migrationBuilder.DropTable(
                name: "PriceRegionCountries");

            migrationBuilder.DropTable(
                name: "QuickReplies");

            migrationBuilder.DropTable(
                name: "RefreshTokens");

            migrationBuilder.DropTable(
                name: "RevokedSessions");

            migrationBuilder.DropTable(
                name: "RoutingRule");

            migrationBuilder.DropTable(
                name: "RoutingSettings");

            migrationBuilder.DropTable(
                name: "SandboxFailure");

            migrationBuilder.DropTable(
                name: "SharedInboxLinkActivities");

            migrationBuilder.DropTable(
                name: "SignupRequests");

            migrationBuilder.DropTable(
                name: "TeamMembers");

            migrationBuilder.DropTable(
                name: "TeamRouting");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "WhatsAppConnectTokens");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropTable(
                name: "Tags");

            migrationBuilder.DropTable(
                name: "Conversations");

            migrationBuilder.DropTable(
                name: "OutgoingWebhooks");

            migrationBuilder.DropTable(
                name: "SharedInboxLinks");

            migrationBuilder.DropTable(
                name: "Teams");

            migrationBuilder.DropTable(
                name: "Users");

            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropTable(
                name: "PhoneNumbers");

            migrationBuilder.DropTable(
                name: "WhatsAppAccounts");

            migrationBuilder.DropTable(
                name: "Organizations");

            migrationBuilder.DropTable(
                name: "Partners");
        }
    }
}
