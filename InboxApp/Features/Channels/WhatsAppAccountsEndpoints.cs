using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Channels.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Channels;

public sealed record ConnectManualRequest(
    [property: Required, RegularExpression(@"^\s*\d{1,64}\s*$", ErrorMessage = "The wabaId must be a numeric Meta id")] string WabaId,
    [property: Required, RegularExpression(@"^\s*\d{1,64}\s*$", ErrorMessage = "The phoneNumberId must be a numeric Meta id")] string PhoneNumberId,
    [property: Required, StringLength(WhatsAppAccountService.MaxTokenLength, MinimumLength = WhatsAppAccountService.MinTokenLength)] string AccessToken,
    [property: StringLength(WhatsAppAccountService.MaxAliasLength, MinimumLength = 1)] string? Alias);

public sealed record ConnectEmbeddedRequest(
    [property: Required, StringLength(2000, MinimumLength = 1)] string Code,
    [property: Required, RegularExpression(@"^\s*\d{1,64}\s*$", ErrorMessage = "The wabaId must be a numeric Meta id")] string WabaId,
    [property: Required, RegularExpression(@"^\s*\d{1,64}\s*$", ErrorMessage = "The phoneNumberId must be a numeric Meta id")] string PhoneNumberId,
    [property: RegularExpression(@"^\d{6}$", ErrorMessage = "The pin must be 6 digits")] string? Pin,
    [property: StringLength(WhatsAppAccountService.MaxAliasLength, MinimumLength = 1)] string? Alias);

/// <summary><c>{ sendRatePerSecond }</c>: how fast the app sends from the number (1 to 1,000 messages per second).</summary>
public sealed record UpdatePhoneNumberRequest([property: Required, Range(1, WhatsAppAccountService.MaxSendRatePerSecond)] int? SendRatePerSecond);

public sealed record UpdateWhatsAppAccountRequest(
    [property: StringLength(WhatsAppAccountService.MaxAliasLength, MinimumLength = 1)] string? Alias,
    [property: StringLength(WhatsAppAccountService.MaxTokenLength, MinimumLength = WhatsAppAccountService.MinTokenLength)] string? AccessToken) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Alias is null && AccessToken is null) yield return new ValidationResult("Give a new alias or a new access token", [nameof(Alias)]);
    }
}

public sealed record MetaAppConfigRequest(
    [property: Required, RegularExpression(@"^\d{1,64}$", ErrorMessage = "The appId must be a numeric Meta id")] string AppId,
    [property: RegularExpression(@"^\d{1,64}$", ErrorMessage = "The configId must be a numeric Meta id")] string? ConfigId,
    [property: StringLength(MetaAppConfigService.MaxSecretLength, MinimumLength = 1)] string? AppSecret);

public sealed record UnreadCountDto(int Count);

public sealed record AcknowledgedCountDto(int Acknowledged);

/// <summary><c>/api/v1/whatsapp-accounts</c>: accounts and numbers, health, alerts and the organization's own Meta app.</summary>
public static class WhatsAppAccountsEndpoints
{
    public static RouteGroupBuilder MapWhatsAppAccountsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/whatsapp-accounts").WithTags("WhatsApp accounts").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List)
            .WithSummary("List WhatsApp accounts")
            .WithDescription("The organization's WhatsApp Business accounts with their phone numbers and status. Supervisors and admins.");
        group.MapPost("/connect", Connect)
            .WithSummary("Connect a number with Embedded Signup")
            .WithDescription("Finishes Meta's Embedded Signup: trades the `code` from the popup for a token, subscribes the app to the WABA and registers the number (with `pin` when two-step verification is on). Admins only.")
            .ProducesError(StatusCodes.Status400BadRequest, MetaAppConfigService.NotConfiguredCode, "The Meta app of the organization is not configured for Embedded Signup")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This phone number is already connected. Disconnect it first to connect it again.")
            .ProducesError(StatusCodes.Status502BadGateway, "META_UNAVAILABLE", "Meta could not be reached or refused the request");
        group.MapPost("/connect-manual", ConnectManual)
            .WithSummary("Connect a number with a token")
            .WithDescription("Connects a number from its WABA id, phone number id and a system-user access token; the token is checked with Meta before anything is saved. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This phone number is already connected. Disconnect it first to connect it again.")
            .ProducesError(StatusCodes.Status502BadGateway, "META_UNAVAILABLE", "Meta could not be reached or refused the request");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Get a WhatsApp account")
            .WithDescription("One account with its numbers. Supervisors and admins.");
        group.MapPatch("/{id:guid}", Update)
            .WithSummary("Rename an account or replace its token")
            .WithDescription("Changes the alias and/or the access token (checked with Meta first). Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The account is disconnected: connect the number again instead of updating its token");
        group.MapDelete("/{id:guid}", Disconnect)
            .WithSummary("Disconnect an account")
            .WithDescription("Stops sending and receiving on the account's numbers; conversations and messages are kept. Admins only.");
        group.MapGet("/{id:guid}/health", AccountHealth)
            .WithSummary("Check an account's health")
            .WithDescription("Asks Meta now whether the account and each of its numbers can send and receive, with the reasons when not. Supervisors and admins.")
            .ProducesError(StatusCodes.Status502BadGateway, "META_UNAVAILABLE", "Meta could not be reached to check this");
        group.MapGet("/phone-numbers/{phoneId:guid}/health", NumberHealth)
            .WithSummary("Check a number's health")
            .WithDescription("Asks Meta now whether one number can send and receive messages and templates, with the reasons when not. Supervisors and admins.")
            .ProducesError(StatusCodes.Status502BadGateway, "META_UNAVAILABLE", "Meta could not be reached to check this");

        group.MapPatch("/phone-numbers/{phoneId:guid}", UpdateNumber)
            .WithSummary("Set a number's send rate")
            .WithDescription("sendRatePerSecond (1 to 1,000; Meta's default throughput is 80/s, upgraded numbers send up to 1,000/s): every send from the number, campaigns included, is paced by it. Admins only.");
        group.MapGet("/alerts", Alerts)
            .WithSummary("List channel alerts")
            .WithDescription("Quality, messaging-limit, account, token, template and registration alerts raised from Meta's webhooks, newest first. Supervisors and admins.")
            .WithPaging()
            .WithQuery("acknowledged", "`false` for the open alerts only, `true` for the acknowledged ones; leave out for both.")
            .WithQuery("unacknowledged", "The CX seed's spelling: `true` is `acknowledged=false`. Contradicting `acknowledged` is a 400.")
            .WithQuery<ChannelAlertKind>("kind", "Only alerts of this kind.");
        group.MapGet("/alerts/unread-count", UnreadCount)
            .WithSummary("Count open alerts")
            .WithDescription("How many alerts nobody has acknowledged yet (the badge in the menu). Supervisors and admins.");
        group.MapPost("/alerts/{id:guid}/acknowledge", Acknowledge)
            .WithSummary("Acknowledge an alert")
            .WithDescription("Marks one alert as seen, with who and when. Acknowledging it again changes nothing. Admins only.");
        group.MapPost("/alerts/acknowledge-all", AcknowledgeAll)
            .WithSummary("Acknowledge every alert")
            .WithDescription("Marks all open alerts as seen and answers how many there were. Admins only.");

        group.MapGet("/meta-config", GetMetaConfig)
            .WithSummary("Get the organization's Meta app")
            .WithDescription("The organization's own Meta app for Embedded Signup (app id, configuration id, whether a secret is saved; never the secret). Admins only.");
        group.MapPut("/meta-config", PutMetaConfig)
            .WithSummary("Save the organization's Meta app")
            .WithDescription("Sets the app id, the Embedded Signup configuration id and (optionally) the app secret, which is stored encrypted and used to verify webhooks signed by this app. Admins only.");
        group.MapDelete("/meta-config", DeleteMetaConfig)
            .WithSummary("Forget the organization's Meta app")
            .WithDescription("Deletes the organization's Meta app settings; Embedded Signup falls back to the platform's app. Admins only.");
        return group;
    }

    private static async Task<Ok<ListEnvelope<WhatsAppAccountDto>>> List(ClaimsPrincipal user, WhatsAppAccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await accounts.ListAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<WhatsAppAccountDto>>> Get(Guid id, ClaimsPrincipal user, WhatsAppAccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await accounts.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Created<DataEnvelope<WhatsAppAccountDto>>> ConnectManual(ConnectManualRequest request, ClaimsPrincipal user, WhatsAppConnector connector, CancellationToken ct)
    {
        var account = await connector.ConnectManualAsync(user.ToActor(), request.WabaId, request.PhoneNumberId, request.AccessToken, request.Alias, ct);
        return TypedResults.Created($"/api/v1/whatsapp-accounts/{account.Id}", Envelope.Data(account));
    }

    private static async Task<Created<DataEnvelope<EmbeddedSignupResultDto>>> Connect(ConnectEmbeddedRequest request, ClaimsPrincipal user, WhatsAppConnector connector, CancellationToken ct)
    {
        var result = await connector.ConnectEmbeddedAsync(user.ToActor(), request.Code, request.WabaId, request.PhoneNumberId, request.Pin, request.Alias, ct);
        return TypedResults.Created($"/api/v1/whatsapp-accounts/{result.Account.Id}", Envelope.Data(result));
    }

    private static async Task<Ok<DataEnvelope<WhatsAppAccountDto>>> Update(Guid id, UpdateWhatsAppAccountRequest request, ClaimsPrincipal user, WhatsAppAccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await accounts.UpdateAsync(user.ToActor(), id, request.Alias, request.AccessToken, ct)));

    private static async Task<Ok<DataEnvelope<PhoneNumberDto>>> UpdateNumber(Guid phoneId, UpdatePhoneNumberRequest request, ClaimsPrincipal user, WhatsAppAccountService accounts,
        CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await accounts.SetSendRateAsync(user.ToActor(), phoneId, request.SendRatePerSecond!.Value, ct)));

    private static async Task<NoContent> Disconnect(Guid id, ClaimsPrincipal user, WhatsAppAccountService accounts, CancellationToken ct)
    {
        await accounts.DisconnectAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DataEnvelope<AccountHealthDto>>> AccountHealth(Guid id, ClaimsPrincipal user, PhoneHealthService health, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await health.CheckAccountAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<PhoneHealthDto>>> NumberHealth(Guid phoneId, ClaimsPrincipal user, PhoneHealthService health, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await health.CheckNumberAsync(user.ToActor(), phoneId, ct)));

    /// <summary>Newest first; <c>acknowledged=false</c> (or <c>unacknowledged=true</c>) for the open ones only.</summary>
    private static async Task<Ok<ListEnvelope<ChannelAlertDto>>> Alerts(ClaimsPrincipal user, ChannelAlertService alerts, int? page, int? limit,
        bool? acknowledged, bool? unacknowledged, ChannelAlertKind? kind, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        if (acknowledged is not null && unacknowledged is not null && acknowledged == unacknowledged)
            throw Core.Common.InboxException.Invalid("acknowledged", "acknowledged and unacknowledged contradict each other");
        var result = await alerts.ListAsync(user.ToActor(), acknowledged ?? !unacknowledged, kind, paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Ok<DataEnvelope<UnreadCountDto>>> UnreadCount(ClaimsPrincipal user, ChannelAlertService alerts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(new UnreadCountDto(await alerts.UnreadCountAsync(user.ToActor(), ct))));

    private static async Task<Ok<DataEnvelope<ChannelAlertDto>>> Acknowledge(Guid id, ClaimsPrincipal user, ChannelAlertService alerts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await alerts.AcknowledgeAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<AcknowledgedCountDto>>> AcknowledgeAll(ClaimsPrincipal user, ChannelAlertService alerts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(new AcknowledgedCountDto(await alerts.AcknowledgeAllAsync(user.ToActor(), ct))));

    private static async Task<Ok<DataEnvelope<MetaAppConfigDto>>> GetMetaConfig(ClaimsPrincipal user, MetaAppConfigService config, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await config.GetAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<MetaAppConfigDto>>> PutMetaConfig(MetaAppConfigRequest request, ClaimsPrincipal user, MetaAppConfigService config, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await config.SaveAsync(user.ToActor(), request.AppId, request.ConfigId, request.AppSecret, ct)));

    private static async Task<NoContent> DeleteMetaConfig(ClaimsPrincipal user, MetaAppConfigService config, CancellationToken ct)
    {
        await config.DeleteAsync(user.ToActor(), ct);
        return TypedResults.NoContent();
    }
}
