using InboxApp.Core.ApiKeys;
using InboxApp.Core.Bootstrap;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Invitations;
using InboxApp.Core.Jobs;
using InboxApp.Core.Mail;
using InboxApp.Core.Profile;
using InboxApp.Core.Storage;
using InboxApp.Core.Realtime;
using InboxApp.Core.Webhooks;
using InboxApp.Core.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboxApp.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The one registration entry of the core: database, identity, mail, features.</summary>
    public static IServiceCollection AddInboxCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName);
        services.AddOptions<Conversations.ConversationSearchOptions>().BindConfiguration(Conversations.ConversationSearchOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => AppPaths.Resolve(contentRoot,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<IOptions<MailOptions>>().Value.PickupDirectory));

        services.AddSingleton(sp =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var paths = sp.GetRequiredService<AppPaths>();
            var cs = configuration.GetConnectionString("Inbox");
            if (string.IsNullOrWhiteSpace(cs))
            {
                if (db.Provider != DatabaseProvider.Sqlite)
                    throw new OptionsValidationException("ConnectionStrings:Inbox", typeof(DatabaseOptions), [$"ConnectionStrings:Inbox is required for {db.Provider}"]);
                cs = $"Data Source={Path.Combine(paths.DataDirectory, "inbox.db")}";
            }
            else if (db.Provider == DatabaseProvider.Sqlite)
            {
                // A relative SQLite file lives in the data folder.
                var b = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs);
                if (!Path.IsPathRooted(b.DataSource) && b.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
                    b.DataSource = Path.Combine(paths.DataDirectory, b.DataSource);
                cs = b.ToString();
            }
            return new InboxDb(InboxDbContextBuilder.CreateFactory(db.Provider, cs, db.SqliteBusyTimeoutMs), sp.GetRequiredService<Events.EventDispatcher>());
        });
        services.AddSingleton<DatabaseInitializer>();
        // Registered before every other hosted service: they start only after the database is migrated.
        services.AddSingleton<StartupInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupInitializer>());

        services.AddSingleton<DbXmlRepository>();
        services.AddDataProtection().SetApplicationName("InboxApp");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = sp.GetRequiredService<DbXmlRepository>()));

        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<AccessChangeSignal>();
        services.AddSingleton<LoginLockout>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AccessResolver>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<BootstrapService>();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<ProfileService>();

        services.AddInboxEvents();
        services.AddSingleton<PresenceTracker>();
        // Channels → Messaging, Channels → Webhooks, never back (docs/conventions.md, ADR 0034).
        Channels.ChannelsServiceCollectionExtensions.AddInboxChannels(services);
        services.AddWebhookPipeline();
        Messaging.MessagingServiceCollectionExtensions.AddInboxMessaging(services);
        services.AddSingleton<Conversations.ConversationService>().AddSingleton<Conversations.ConversationMessages>();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<InvitationService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<Conversations.SearchProbeMemo>().AddSingleton<Conversations.ConversationQueryService>().AddSingleton<Contacts.ContactService>();
        services.AddSingleton<Teams.TeamService>();
        services.AddSingleton<Tags.TagService>();
        services.AddSingleton<QuickReplies.QuickReplyService>();
        Routing.RoutingServiceCollectionExtensions.AddInboxRouting(services);
        Templates.TemplatesServiceCollectionExtensions.AddTemplates(services);
        OptOuts.OptOutsServiceCollectionExtensions.AddOptOuts(services);
        Pricing.PricingServiceCollectionExtensions.AddPricing(services);
        OutgoingWebhooks.OutgoingWebhooksServiceCollectionExtensions.AddOutgoingWebhooks(services);
        PublicApi.PublicApiServiceCollectionExtensions.AddPublicApi(services);
        Campaigns.CampaignsServiceCollectionExtensions.AddCampaigns(services);
        SharedInboxLinks.SharedInboxLinksServiceCollectionExtensions.AddSharedInboxLinks(services);
        Partners.PartnersServiceCollectionExtensions.AddPartners(services);
        services.AddInboxJobs(configuration);

        services.AddSingleton<IEmailSender>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.Smtp.Host)
                ? ActivatorUtilities.CreateInstance<PickupDirectoryEmailSender>(sp)
                : ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp));

        return services;
    }
}
