using System.Text.RegularExpressions;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Templates;

/// <summary>
/// WhatsApp message templates of an organization's accounts. Everyone (agents included) lists them and sends approved
/// ones; supervisors and admins write drafts, submit them to Meta, edit, duplicate, delete, sync and upload header
/// examples. Every change saves, then publishes <see cref="TemplateUpdated"/>.
/// </summary>
public sealed partial class TemplateService(InboxDb inboxDb, TimeProvider clock, TemplateChannels channels, MessageSender sender, ChannelSenders senders,
    MediaStore store, IOptions<MessagingOptions> messaging)
{
    public const int MaxSearchLength = 200;
    public const UserRole ManagerRole = UserRole.SUPERVISOR;

    public async Task<TemplatePage> ListAsync(Actor actor, TemplateFilter filter, int skip, int take, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        var query = await ApplyAsync(db, db.Set<MessageTemplate>().AsNoTracking(), filter, ct);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(t => t.Name).ThenBy(t => t.Language).ThenBy(t => t.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new TemplatePage(rows.Select(TemplateDto.From).ToList(), total);
    }

    public async Task<TemplateDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        return TemplateDto.From(await FindAsync(db, id, ct, tracking: false));
    }

    /// <summary>Saves a DRAFT (not submitted): the name, language and category must be valid; the components may still have problems.</summary>
    public async Task<TemplateDto> CreateDraftAsync(Actor actor, TemplateInput input, CancellationToken ct = default)
    {
        actor.Require(ManagerRole);
        await using var db = inboxDb.For(actor.Org);
        var template = await NewAsync(db, actor, input, ct);
        db.Add(template);
        await SaveAsync(db, template, ct);
        return TemplateDto.From(template);
    }

    /// <summary>Changes a DRAFT; null fields stay as they are. 409 for a template already submitted (edit it with <see cref="EditAsync"/>).</summary>
    public async Task<TemplateDto> UpdateDraftAsync(Actor actor, Guid id, TemplateInput input, CancellationToken ct = default)
    {
        actor.Require(ManagerRole);
        await using var db = inboxDb.For(actor.Org);
        var template = await FindAsync(db, id, ct);
        if (template.Status != TemplateStatus.DRAFT)
            throw InboxException.Conflict($"Only drafts change here; this template is {template.Status} (edit it in Meta with PUT /templates/{{id}})", TemplateErrors.WrongStatus);
        if (input.Name is not null) template.Name = Name(input.Name);
        if (input.Language is not null) template.Language = Language(input.Language);
        if (input.Category is { } category) template.Category = category;
        if (input.Components is not null) SetComponents(template, input.Components);
        await EnsureFreeAsync(db, template, ct);
        template.UpdatedAt = clock.GetUtcNow();
        await SaveAsync(db, template, ct);
        return TemplateDto.From(template);
    }

    /// <summary>A DRAFT copy in the same account and language, named <c>{name}_copy</c> (or the given name).</summary>
    public async Task<TemplateDto> DuplicateAsync(Actor actor, Guid id, string? name, CancellationToken ct = default)
    {
        actor.Require(ManagerRole);
        await using var db = inboxDb.For(actor.Org);
        var source = await FindAsync(db, id, ct, tracking: false);
        var now = clock.GetUtcNow();
        var copy = new MessageTemplate
        {
            AccountId = source.AccountId, Name = name is null ? await FreeCopyNameAsync(db, source, ct) : Name(name), Language = source.Language,
            Category = source.Category, ParameterFormat = source.ParameterFormat, ComponentsJson = source.ComponentsJson, Status = TemplateStatus.DRAFT,
            CreatedById = actor.UserId, CreatedAt = now, UpdatedAt = now,
        };
        await EnsureFreeAsync(db, copy, ct);
        db.Add(copy);
        await SaveAsync(db, copy, ct);
        return TemplateDto.From(copy);
    }

    /// <summary>Marks the template REMOVED here (Meta keeps it; see <see cref="DeleteInMetaAsync"/>). Removing twice is harmless.</summary>
    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(ManagerRole);
        await using var db = inboxDb.For(actor.Org);
        var template = await FindAsync(db, id, ct);
        if (template.Status == TemplateStatus.REMOVED) return;
        Remove(template, clock.GetUtcNow());
        await SaveAsync(db, template, ct);
    }

    private static void Remove(MessageTemplate template, DateTimeOffset now)
    {
        template.Status = TemplateStatus.REMOVED;
        template.UpdatedAt = now;
    }

    private async Task<MessageTemplate> NewAsync(InboxDbContext db, Actor actor, TemplateInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string? name = null, language = null;
        try { name = Name(input.Name); } catch (InboxException e) when (e.Details is not null) { foreach (var (k, v) in e.Details) errors[k] = v; }
        try { language = Language(input.Language); } catch (InboxException e) when (e.Details is not null) { foreach (var (k, v) in e.Details) errors[k] = v; }
        if (input.Category is null) errors["category"] = ["category is required: MARKETING, UTILITY or AUTHENTICATION"];
        if (errors.Count > 0) throw InboxException.Invalid(errors);
        var account = await AccountAsync(db, input.AccountId, input.PhoneNumberId, ct);
        var now = clock.GetUtcNow();
        var template = new MessageTemplate
        {
            AccountId = account.Id, Name = name!, Language = language!, Category = input.Category!.Value, Status = TemplateStatus.DRAFT,
            CreatedById = actor.UserId, CreatedAt = now, UpdatedAt = now,
        };
        SetComponents(template, input.Components ?? []);
        await EnsureFreeAsync(db, template, ct);
        return template;
    }

    private static void SetComponents(MessageTemplate template, IReadOnlyList<TemplateComponentSpec> components)
    {
        var json = TemplateJson.Serialize(components);
        if (json.Length > MessageTemplate.MaxComponentsLength)
            throw InboxException.Invalid("components", $"The components must be at most {MessageTemplate.MaxComponentsLength} characters of JSON");
        template.ComponentsJson = json;
        template.ParameterFormat = TemplateLint.FormatOf(components);
    }

    public static string Name(string? name)
    {
        var value = name?.Trim() ?? "";
        if (value.Length == 0) throw InboxException.Invalid("name", "The name is required");
        if (value.Length > MessageTemplate.MaxNameLength) throw InboxException.Invalid("name", $"The name must be at most {MessageTemplate.MaxNameLength} characters");
        if (!NameShape().IsMatch(value)) throw InboxException.Invalid("name", "The name may only hold lowercase letters, digits and underscores");
        return value;
    }

    public static string Language(string? language)
    {
        var value = language?.Trim() ?? "";
        if (!LanguageShape().IsMatch(value)) throw InboxException.Invalid("language", "The language must be a code such as en, en_US or pt_BR");
        return value;
    }

    /// <summary>The account a new template is for: the given one, the given number's, or the organization's only connected account.</summary>
    private static async Task<WhatsAppAccount> AccountAsync(InboxDbContext db, Guid? accountId, Guid? phoneNumberId, CancellationToken ct)
    {
        if (accountId is { } a)
            return await db.WhatsAppAccounts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == a, ct) ?? throw InboxException.NotFound("WhatsApp account");
        if (phoneNumberId is { } p)
            return await db.PhoneNumbers.AsNoTracking().Where(x => x.Id == p).Select(x => x.Account).FirstOrDefaultAsync(ct) ?? throw InboxException.NotFound("Phone number");
        var connected = await db.WhatsAppAccounts.AsNoTracking().Where(x => x.Status == WhatsAppAccountStatus.CONNECTED).OrderBy(x => x.CreatedAt).Take(2).ToListAsync(ct);
        return connected.Count switch
        {
            1 => connected[0],
            0 => throw InboxException.Conflict("Connect a WhatsApp number first: templates belong to a WhatsApp account"),
            _ => throw InboxException.Invalid("accountId", "accountId (or phoneNumberId) is required: the organization has several WhatsApp accounts"),
        };
    }

    private static async Task EnsureFreeAsync(InboxDbContext db, MessageTemplate template, CancellationToken ct)
    {
        if (await db.Set<MessageTemplate>().AnyAsync(t => t.Id != template.Id && t.AccountId == template.AccountId && t.Name == template.Name
                && t.Language == template.Language && t.Status != TemplateStatus.REMOVED, ct))
            throw Taken(template);
    }

    private static InboxException Taken(MessageTemplate t) =>
        InboxException.Conflict($"The account already has a template {t.Name} in {t.Language}", TemplateErrors.NameTaken);

    private static async Task<string> FreeCopyNameAsync(InboxDbContext db, MessageTemplate source, CancellationToken ct)
    {
        var stem = source.Name.Length > MessageTemplate.MaxNameLength - 10 ? source.Name[..(MessageTemplate.MaxNameLength - 10)] : source.Name;
        var taken = await db.Set<MessageTemplate>().Where(t => t.AccountId == source.AccountId && t.Language == source.Language
                && t.Status != TemplateStatus.REMOVED && t.Name.StartsWith(stem + "_copy"))
            .Select(t => t.Name).ToListAsync(ct);
        var candidate = stem + "_copy";
        for (var n = 2; taken.Contains(candidate); n++) candidate = $"{stem}_copy_{n}";
        return candidate;
    }

    private async Task<IQueryable<MessageTemplate>> ApplyAsync(InboxDbContext db, IQueryable<MessageTemplate> query, TemplateFilter filter, CancellationToken ct)
    {
        if (filter.Status is { } status) query = query.Where(t => t.Status == status);
        else if (!filter.IncludeRemoved) query = query.Where(t => t.Status != TemplateStatus.REMOVED);
        if (filter.Category is { } category) query = query.Where(t => t.Category == category);
        if (!string.IsNullOrWhiteSpace(filter.Language))
        {
            var language = filter.Language.Trim();
            query = query.Where(t => t.Language == language);
        }
        if (filter.AccountId is { } accountId) query = query.Where(t => t.AccountId == accountId);
        if (filter.PhoneNumberId is { } numberId)
        {
            var accountOfNumber = await db.PhoneNumbers.AsNoTracking().Where(p => p.Id == numberId).Select(p => (Guid?)p.AccountId).FirstOrDefaultAsync(ct)
                ?? throw InboxException.NotFound("Phone number");
            query = query.Where(t => t.AccountId == accountOfNumber);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            if (term.Length > MaxSearchLength) throw InboxException.Invalid("search", $"search must be at most {MaxSearchLength} characters");
            var lower = term.ToLowerInvariant();
            query = query.Where(t => t.Name.Contains(lower) || t.ComponentsJson.ToLower().Contains(lower));
        }
        return query;
    }

    private static async Task<MessageTemplate> FindAsync(InboxDbContext db, Guid id, CancellationToken ct, bool tracking = true)
    {
        var set = tracking ? db.Set<MessageTemplate>() : db.Set<MessageTemplate>().AsNoTracking();
        return await set.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw InboxException.NotFound("Template");
    }

    /// <summary>Saves with <see cref="TemplateUpdated"/>; a concurrent duplicate name (the unique index) is a 409.</summary>
    private static async Task SaveAsync(InboxDbContext db, MessageTemplate template, CancellationToken ct)
    {
        db.Raise(new TemplateUpdated(db.TenantId, template.Id, template.Name, template.Language, template.Status.ToString()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw Taken(template);
        }
    }

    /// <summary>Meta's refusal as an API error: its message and code kept; 400 for what the request got wrong, 502 otherwise.</summary>
    private static InboxException MetaFailure(GraphApiException e)
    {
        var status = e.HttpStatus is >= 400 and < 500 && !e.IsTokenProblem ? 400 : 502;
        var details = new Dictionary<string, string[]>
        {
            ["meta"] = [.. new[] { e.Message, e.Details, e.Code == 0 ? null : $"code {e.Code}", e.Subcode is { } s ? $"subcode {s}" : null }.OfType<string>().Distinct()],
        };
        return new InboxException(status, TemplateErrors.MetaRefused, "Meta refused the request: " + (e.Details ?? e.Message), details);
    }

    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NameShape();

    [GeneratedRegex(@"^[a-z]{2,3}(_[A-Z]{2,4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageShape();
}
