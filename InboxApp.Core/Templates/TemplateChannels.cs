using System.Text.Json.Nodes;
using InboxApp.Core.Messaging;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Channels.Sandbox;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Templates;

/// <summary>What is submitted to Meta: the template's name, language, category, variable format and components (Meta's JSON).</summary>
public sealed record TemplateSubmission(string Name, string Language, TemplateCategory Category, TemplateParameterFormat Format, string ComponentsJson)
{
    public JsonObject ToCreateJson()
    {
        var json = new JsonObject
        {
            ["name"] = Name, ["language"] = Language, ["category"] = Category.ToString(),
            ["components"] = JsonNode.Parse(ComponentsJson),
        };
        if (Format == TemplateParameterFormat.NAMED) json["parameter_format"] = "NAMED";
        return json;
    }
}

/// <summary>
/// Where an account's templates live: Meta's Graph API for Cloud API accounts, this process for sandbox accounts. Errors
/// are <see cref="GraphApiException"/>s with Meta's code and message.
/// </summary>
public interface ITemplateChannel
{
    Task<GraphTemplateCreated> CreateAsync(WhatsAppAccount account, TemplateSubmission template, CancellationToken ct);
    Task EditAsync(WhatsAppAccount account, string metaTemplateId, TemplateSubmission template, CancellationToken ct);
    Task DeleteAsync(WhatsAppAccount account, string name, CancellationToken ct);
    Task<IReadOnlyList<GraphTemplate>> ListAsync(WhatsAppAccount account, CancellationToken ct);
    /// <summary>Uploads a header example; returns the handle for <c>example.header_handle</c>.</summary>
    Task<string> UploadAsync(WhatsAppAccount account, byte[] content, string mimeType, string fileName, CancellationToken ct);
}

/// <summary>Picks the channel of an account.</summary>
public sealed class TemplateChannels(CloudTemplateChannel cloud, SandboxTemplateChannel sandbox)
{
    public ITemplateChannel For(WhatsAppAccount account) => account.IsSandbox ? sandbox : cloud;
}

/// <summary>Templates in Meta, with the account's decrypted business token.</summary>
public sealed class CloudTemplateChannel(WhatsAppGraphClient graph, ChannelSecrets secrets, MetaAppConfigService apps) : ITemplateChannel
{
    public Task<GraphTemplateCreated> CreateAsync(WhatsAppAccount account, TemplateSubmission template, CancellationToken ct) =>
        graph.CreateTemplateAsync(account.WabaId, Token(account), template.ToCreateJson(), ct);

    public Task EditAsync(WhatsAppAccount account, string metaTemplateId, TemplateSubmission template, CancellationToken ct) =>
        graph.EditTemplateAsync(metaTemplateId, Token(account), new JsonObject
        {
            ["category"] = template.Category.ToString(), ["components"] = JsonNode.Parse(template.ComponentsJson),
        }, ct);

    public Task DeleteAsync(WhatsAppAccount account, string name, CancellationToken ct) => graph.DeleteTemplateAsync(account.WabaId, Token(account), name, ct);

    public Task<IReadOnlyList<GraphTemplate>> ListAsync(WhatsAppAccount account, CancellationToken ct) => graph.ListTemplatesAsync(account.WabaId, Token(account), ct);

    public async Task<string> UploadAsync(WhatsAppAccount account, byte[] content, string mimeType, string fileName, CancellationToken ct)
    {
        var appId = await apps.OurAppIdAsync(account.OrganizationId, ct)
            ?? throw new InboxException(400, MetaAppConfigService.NotConfiguredCode, "Header examples are uploaded through a Meta app: configure its app id first (WhatsApp:AppId or the Meta app settings)");
        return await graph.ResumableUploadAsync(appId, Token(account), content, mimeType, fileName, ct);
    }

    private string Token(WhatsAppAccount account) => secrets.UnprotectToken(account.AccessTokenProtected)
        ?? throw new GraphApiException(401, GraphApiException.ExpiredToken, null, "The account has no usable access token", "OAuthException",
            "The WhatsApp account's access token is missing or could not be decrypted; update the token in the account settings.", null);
}

/// <summary>
/// Templates of sandbox accounts, with no network: a submitted template is PENDING and, after
/// <see cref="SandboxOptions.TemplateReviewDelayMs"/>, Meta's <c>message_template_status_update</c> webhook arrives through the
/// normal pipeline: APPROVED, or REJECTED (INVALID_FORMAT) when the body holds <c>#reject</c>. The rows here are the
/// sandbox's "Meta": listing them gives what is stored, so a sync changes nothing.
/// </summary>
public sealed class SandboxTemplateChannel(InboxDb inboxDb, SandboxStatusScheduler scheduler, TimeProvider clock, IOptions<SandboxOptions> options) : ITemplateChannel
{
    public const string RejectMarker = "#reject";

    public Task<GraphTemplateCreated> CreateAsync(WhatsAppAccount account, TemplateSubmission template, CancellationToken ct)
    {
        var id = Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999);
        Review(account, template, id);
        return Task.FromResult(new GraphTemplateCreated(id.ToString(System.Globalization.CultureInfo.InvariantCulture), "PENDING", template.Category.ToString()));
    }

    public Task EditAsync(WhatsAppAccount account, string metaTemplateId, TemplateSubmission template, CancellationToken ct)
    {
        Review(account, template, long.TryParse(metaTemplateId, out var id) ? id : 0);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(WhatsAppAccount account, string name, CancellationToken ct) => Task.CompletedTask;

    public async Task<IReadOnlyList<GraphTemplate>> ListAsync(WhatsAppAccount account, CancellationToken ct)
    {
        await using var db = inboxDb.For(account.OrganizationId);
        var rows = await db.Set<MessageTemplate>().AsNoTracking()
            .Where(t => t.AccountId == account.Id && t.MetaTemplateId != null && t.Status != TemplateStatus.DRAFT && t.Status != TemplateStatus.REMOVED)
            .ToListAsync(ct);
        return rows.Select(t => new GraphTemplate(t.MetaTemplateId!, t.Name, t.Language, t.Status.ToString(), t.Category.ToString(), t.ComponentsJson,
            t.QualityScore, t.Reason, t.ParameterFormat.ToString())).ToList();
    }

    public Task<string> UploadAsync(WhatsAppAccount account, byte[] content, string mimeType, string fileName, CancellationToken ct) =>
        Task.FromResult("sandbox-handle-" + Guid.NewGuid().ToString("N"));

    private void Review(WhatsAppAccount account, TemplateSubmission template, long id)
    {
        var rejected = template.ComponentsJson.Contains(RejectMarker, StringComparison.OrdinalIgnoreCase);
        var value = SandboxPayloads.TemplateStatus(template.Name, rejected ? "REJECTED" : "APPROVED", template.Language, rejected ? "INVALID_FORMAT" : null, id);
        scheduler.Schedule(clock.GetUtcNow().AddMilliseconds(options.Value.TemplateReviewDelayMs),
            SandboxPayloads.Envelope(account.WabaId, "message_template_status_update", value));
    }
}
