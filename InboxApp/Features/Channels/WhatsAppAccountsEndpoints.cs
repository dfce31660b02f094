using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
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
        group.MapGet("", List);
        group.MapPost("/connect", Connect);
        group.MapPost("/connect-manual", ConnectManual);
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Update);
        group.MapDelete("/{id:guid}", Disconnect);
        group.MapGet("/{id:guid}/health", AccountHealth);
        group.MapGet("/phone-numbers/{phoneId:guid}/health", NumberHealth);

        group.MapGet("/alerts", Alerts);
        group.MapGet("/alerts/unread-count", UnreadCount);
        group.MapPost("/alerts/{id:guid}/acknowledge", Acknowledge);
        group.MapPost("/alerts/acknowledge-all", AcknowledgeAll);

        group.MapGet("/meta-config", GetMetaConfig);
        group.MapPut("/meta-config", PutMetaConfig);
        group.MapDelete("/meta-config", DeleteMetaConfig);
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
