using InboxApp.Core.Data;
using InboxApp.Features.ApiKeys;
using InboxApp.Features.Auth;
using InboxApp.Features.Profile;
using InboxApp.Features.Invitations;
using InboxApp.Features.Users;
using InboxApp.Features.Jobs;
using InboxApp.Features.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Api;

public static class ApiEndpoints
{
    /// <summary>Maps the health probes and every feature's <c>/api/v1</c> endpoints (explicitly, one line per feature).</summary>
    public static WebApplication MapInboxApi(this WebApplication app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new HealthResponse("ok"))).ExcludeFromDescription();
        app.MapGet("/ready", Ready).ExcludeFromDescription();

        var api = app.MapGroup("/api/v1").AddEndpointFilter<ValidationFilter>();
        api.MapGet("/health", () => TypedResults.Ok(Envelope.Data(new HealthResponse("ok")))).WithTags("Health")
            .WithSummary("Is the API up?").WithDescription("Answers `ok` while the process serves requests; it does not touch the database. No credential needed.");
        api.MapGet("/ready", Ready).WithTags("Health").Produces<DataEnvelope<HealthResponse>>()
            .WithSummary("Can the API serve requests?").WithDescription("Answers `ready` when the database answers, 503 otherwise (for load balancers). No credential needed.")
            .ProducesError(StatusCodes.Status503ServiceUnavailable, "NOT_READY", "The database is not reachable");
        api.MapAuthEndpoints();
        api.MapApiKeysEndpoints();
        api.MapProfileEndpoints();
        Features.Channels.WhatsAppAccountsEndpoints.MapWhatsAppAccountsEndpoints(api);
        app.MapMediaEndpoints();
        api.MapUsersEndpoints();
        api.MapInvitationsEndpoints();
        api.MapJobsEndpoints();
        Features.Messaging.MessagingEndpoints.MapMessagingEndpoints(api);
        Features.Conversations.ConversationEndpoints.MapConversationEndpoints(api);
        Features.Sandbox.SandboxEndpoints.MapSandboxEndpoints(api);
        api.MapWebhookEventsEndpoints();
        Features.Events.OutboxEndpoints.MapOutboxEndpoints(api);
        api.MapMessageMediaEndpoints();
        Features.Conversations.ConversationListEndpoints.MapConversationListEndpoints(api);
        Features.Contacts.ContactsEndpoints.MapContactsEndpoints(api);
        Features.Teams.TeamsEndpoints.MapTeamsEndpoints(api);
        Features.Tags.TagsEndpoints.MapTagsEndpoints(api);
        Features.QuickReplies.QuickRepliesEndpoints.MapQuickRepliesEndpoints(api);
        Features.Routing.RoutingEndpoints.MapRoutingEndpoints(api);
        Features.Templates.TemplatesEndpoints.MapTemplatesEndpoints(api);
        Features.OptOuts.OptOutsEndpoints.MapOptOutsEndpoints(api);
        Features.Pricing.PricingEndpoints.MapPricingEndpoints(api);
        Features.OutgoingWebhooks.OutgoingWebhooksEndpoints.MapOutgoingWebhooksEndpoints(app);
        Features.Campaigns.CampaignsEndpoints.MapCampaignsEndpoints(api);
        Features.Partners.PartnersEndpoints.MapPartnersEndpoints(api);
        Features.Partners.WorkspaceWhatsAppEndpoints.MapWorkspaceWhatsAppEndpoints(api);
        Features.Partners.FrameOriginsEndpoints.MapFrameOriginsEndpoints(api);
        Features.Partners.PartnerUsersEndpoints.MapPartnerUsersEndpoints(api);
        Features.Partners.OnboardingLinksEndpoints.MapOnboardingLinksEndpoints(app);
        Features.PublicApi.PublicApiEndpoints.MapPublicApiEndpoints(app);

        // The public partner API (whatsapp-platform-getting-started.txt): /v1, organization keys, the same envelope.
        var v1 = app.MapGroup("/v1").AddEndpointFilter<ValidationFilter>();
        Features.SharedInboxLinks.SharedInboxLinksEndpoints.MapSharedInboxLinksEndpoints(v1);
        Features.SharedInboxLinks.SharedInboxLinksEndpoints.MapSharedInboxPublicEndpoints(app);
        return app;
    }

    private static async Task<IResult> Ready(InboxDb inboxDb, CancellationToken ct)
    {
        await using var db = inboxDb.System();
        bool ok;
        try
        {
            ok = await db.Database.CanConnectAsync(ct);
        }
        catch (Exception)
        {
            ok = false;
        }
        return ok
            ? TypedResults.Ok(Envelope.Data(new HealthResponse("ready")))
            : TypedResults.Json(new ErrorEnvelope(new ErrorBody("The database is not reachable", "NOT_READY")), statusCode: 503);
    }
}

public sealed record HealthResponse(string Status);
