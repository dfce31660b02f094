using System.Text.Json;

namespace InboxApp.Core.Templates;

public sealed record TemplateDto(
    Guid Id, Guid AccountId, string Name, string Language, TemplateCategory Category, TemplateParameterFormat ParameterFormat,
    JsonElement Components, TemplateStatus Status, string? Reason, string QualityScore, string? MetaTemplateId, string? HeaderMediaUrl,
    IReadOnlyList<TemplateProblem> Problems, IReadOnlyList<TemplateVariable> Variables, RenderedTemplate Preview,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? LastSyncedAt)
{
    public static string HeaderMediaUrlOf(Guid id) => $"/api/v1/templates/{id}/header-media";

    public static TemplateDto From(MessageTemplate t)
    {
        var components = TemplateJson.Parse(t.ComponentsJson);
        return new TemplateDto(t.Id, t.AccountId, t.Name, t.Language, t.Category, t.ParameterFormat, TemplateJson.Element(t.ComponentsJson),
            t.Status, t.Reason, t.QualityScore, t.MetaTemplateId, t.HeaderMediaPath is null ? null : HeaderMediaUrlOf(t.Id),
            TemplateLint.Check(t.Name, t.Language, t.Category, components), TemplateRenderer.Variables(components, t.HeaderMediaPath is not null),
            TemplateRenderer.Render(components), t.CreatedAt, t.UpdatedAt, t.SubmittedAt, t.LastSyncedAt);
    }
}

/// <summary>
/// A template to save or submit. <see cref="AccountId"/> or <see cref="PhoneNumberId"/> says which WhatsApp account it is
/// for; without either, the organization's only connected account.
/// </summary>
public sealed record TemplateInput(string? Name, string? Language, TemplateCategory? Category, IReadOnlyList<TemplateComponentSpec>? Components,
    Guid? AccountId = null, Guid? PhoneNumberId = null);

/// <summary>Filters of the list; <see cref="Search"/> matches the name and the body text.</summary>
public sealed record TemplateFilter(TemplateStatus? Status = null, TemplateCategory? Category = null, string? Language = null, string? Search = null,
    Guid? AccountId = null, Guid? PhoneNumberId = null, bool IncludeRemoved = false);

public sealed record TemplatePage(IReadOnlyList<TemplateDto> Items, int Total);

public sealed record TemplateSyncResult(int Accounts, int Created, int Updated, int Removed);

/// <summary>A header example uploaded to Meta: the handle for <c>example.header_handle</c>, and the template it was kept for.</summary>
public sealed record TemplateMediaUpload(string Handle, string MimeType, string? FileName, long Size, Guid? TemplateId, string? HeaderMediaUrl);

public sealed record TemplateUpload(Stream Content, string? ContentType, string? FileName, long Length);

public enum BulkTemplateAction { Delete, Submit }

public static class TemplateErrors
{
    public const string NotApproved = "TEMPLATE_NOT_APPROVED";
    public const string LintFailed = "TEMPLATE_INVALID";
    public const string MetaRefused = "META_ERROR";
    public const string WrongStatus = "TEMPLATE_WRONG_STATUS";
    public const string NameTaken = "TEMPLATE_EXISTS";
}
