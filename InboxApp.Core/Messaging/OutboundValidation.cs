using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InboxApp.Core.Common;

namespace InboxApp.Core.Messaging;

/// <summary>
/// WhatsApp's limits on outbound messages, checked before anything reaches Meta: every broken rule is reported as
/// 400 VALIDATION_ERROR with the field's path (<c>interactive.buttons[1].title</c>).
/// </summary>
public static partial class OutboundValidation
{
    public const int MaxCaptionLength = 1024;
    public const int MaxButtonBodyLength = 1024;
    public const int MaxListBodyLength = 4096;
    public const int MaxHeaderLength = 60;
    public const int MaxFooterLength = 60;
    public const int MaxButtons = 3;
    public const int MaxButtonTitleLength = 20;
    public const int MaxButtonIdLength = 256;
    public const int MaxListButtonLength = 20;
    public const int MaxSections = 10;
    public const int MaxRows = 10;
    public const int MaxSectionTitleLength = 24;
    public const int MaxRowIdLength = 200;
    public const int MaxRowTitleLength = 24;
    public const int MaxRowDescriptionLength = 72;
    public const int MaxLocationNameLength = 300;
    public const int MaxLocationAddressLength = 500;
    public const int MaxContacts = 10;
    public const int MaxTemplateNameLength = 512;
    public const int MaxTemplateTextParameterLength = 1024;
    public const int MaxTemplateHeaderTextLength = 60;
    public const int MaxFileNameLength = 240;

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> byField = new();

        public void Add(string field, string message)
        {
            if (!byField.TryGetValue(field, out var list)) byField[field] = list = [];
            list.Add(message);
        }

        public void Text(string field, string? value, int max, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required) Add(field, $"{field} is required");
            }
            else if (value.Length > max) Add(field, $"{field} must be at most {max} characters");
        }

        public void ThrowIfAny()
        {
            if (byField.Count > 0) throw InboxException.Invalid(byField.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }

    public static void Caption(MessageType kind, string? caption)
    {
        if (caption is null) return;
        if (kind is MessageType.AUDIO or MessageType.STICKER)
            throw InboxException.Invalid("caption", $"WhatsApp does not show captions on {MediaTypes.Plural(kind)}");
        if (caption.Length > MaxCaptionLength) throw InboxException.Invalid("caption", $"caption must be at most {MaxCaptionLength} characters");
    }

    /// <summary>One emoji (a single grapheme that is a pictograph or symbol), or empty to remove a reaction.</summary>
    public static void Emoji(string? emoji)
    {
        if (emoji is null) throw InboxException.Invalid("emoji", "emoji is required (an empty string removes the reaction)");
        if (emoji.Length == 0) return;
        if (emoji.Length > 32 || new StringInfo(emoji).LengthInTextElements != 1 || !IsPictographic(emoji))
            throw InboxException.Invalid("emoji", "emoji must be exactly one emoji, or an empty string to remove the reaction");
    }

    private static bool IsPictographic(string grapheme)
    {
        if (grapheme.Contains('\u20E3')) return true; // keycaps: 1️⃣, #️⃣
        var first = grapheme.EnumerateRunes().First();
        if (first.Value >= 0x1F000) return true; // emoji planes (faces, flags, symbols & pictographs)
        var category = Rune.GetUnicodeCategory(first);
        return category is UnicodeCategory.OtherSymbol || (first.Value >= 0x2000 && category is UnicodeCategory.MathSymbol or UnicodeCategory.OtherPunctuation && grapheme.Contains('\uFE0F'));
    }

    public static void Location(LocationContent? location, string prefix = "location")
    {
        var e = new Errors();
        Location(e, location, prefix);
        e.ThrowIfAny();
    }

    private static void Location(Errors e, LocationContent? location, string prefix)
    {
        if (location is null)
        {
            e.Add(prefix, $"{prefix} is required");
            return;
        }
        if (location.Latitude is not { } lat || double.IsNaN(lat) || lat is < -90 or > 90) e.Add($"{prefix}.latitude", "latitude must be between -90 and 90");
        if (location.Longitude is not { } lon || double.IsNaN(lon) || lon is < -180 or > 180) e.Add($"{prefix}.longitude", "longitude must be between -180 and 180");
        e.Text($"{prefix}.name", location.Name, MaxLocationNameLength, required: false);
        e.Text($"{prefix}.address", location.Address, MaxLocationAddressLength, required: false);
    }

    public static void Interactive(InteractiveContent? interactive)
    {
        var e = new Errors();
        if (interactive is null || (interactive.Buttons is null) == (interactive.List is null))
        {
            e.Add("interactive", "interactive needs exactly one of buttons or list");
            e.ThrowIfAny();
        }
        if (interactive!.Buttons is { } b) Buttons(e, b);
        if (interactive.List is { } l) List(e, l);
        e.ThrowIfAny();
    }

    private static void Buttons(Errors e, InteractiveButtons b)
    {
        const string p = "interactive.buttons";
        e.Text($"{p}.body", b.Body, MaxButtonBodyLength, required: true);
        e.Text($"{p}.header", b.Header, MaxHeaderLength, required: false);
        e.Text($"{p}.footer", b.Footer, MaxFooterLength, required: false);
        var buttons = b.Buttons ?? [];
        if (buttons.Count is < 1 or > MaxButtons) e.Add($"{p}.buttons", $"an interactive message has 1 to {MaxButtons} reply buttons");
        for (var i = 0; i < buttons.Count; i++)
        {
            e.Text($"{p}.buttons[{i}].id", buttons[i].Id, MaxButtonIdLength, required: true);
            e.Text($"{p}.buttons[{i}].title", buttons[i].Title, MaxButtonTitleLength, required: true);
        }
        if (buttons.Where(x => x.Id is not null).GroupBy(x => x.Id).Any(g => g.Count() > 1)) e.Add($"{p}.buttons", "button ids must be unique");
        if (buttons.Where(x => x.Title is not null).GroupBy(x => x.Title!.Trim(), StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
            e.Add($"{p}.buttons", "button titles must be unique");
    }

    private static void List(Errors e, InteractiveList l)
    {
        const string p = "interactive.list";
        e.Text($"{p}.body", l.Body, MaxListBodyLength, required: true);
        e.Text($"{p}.header", l.Header, MaxHeaderLength, required: false);
        e.Text($"{p}.footer", l.Footer, MaxFooterLength, required: false);
        e.Text($"{p}.button", l.Button, MaxListButtonLength, required: true);
        var sections = l.Sections ?? [];
        if (sections.Count is < 1 or > MaxSections) e.Add($"{p}.sections", $"a list has 1 to {MaxSections} sections");
        var rows = 0;
        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s];
            // A title is required as soon as there is more than one section.
            e.Text($"{p}.sections[{s}].title", section.Title, MaxSectionTitleLength, required: sections.Count > 1);
            var sectionRows = section.Rows ?? [];
            if (sectionRows.Count == 0) e.Add($"{p}.sections[{s}].rows", "each section needs at least one row");
            for (var r = 0; r < sectionRows.Count; r++)
            {
                e.Text($"{p}.sections[{s}].rows[{r}].id", sectionRows[r].Id, MaxRowIdLength, required: true);
                e.Text($"{p}.sections[{s}].rows[{r}].title", sectionRows[r].Title, MaxRowTitleLength, required: true);
                e.Text($"{p}.sections[{s}].rows[{r}].description", sectionRows[r].Description, MaxRowDescriptionLength, required: false);
            }
            rows += sectionRows.Count;
        }
        if (rows > MaxRows) e.Add($"{p}.sections", $"a list has at most {MaxRows} rows in all its sections");
        if (sections.SelectMany(s => s.Rows ?? []).Where(r => r.Id is not null).GroupBy(r => r.Id).Any(g => g.Count() > 1))
            e.Add($"{p}.sections", "row ids must be unique across the list");
    }

    public static void Contacts(IReadOnlyList<ContactCard>? contacts)
    {
        var e = new Errors();
        if (contacts is null || contacts.Count is < 1 or > MaxContacts) e.Add("contacts", $"send 1 to {MaxContacts} contacts");
        for (var i = 0; i < (contacts?.Count ?? 0); i++)
        {
            var c = contacts![i];
            var p = $"contacts[{i}]";
            e.Text($"{p}.name.formattedName", c.Name?.FormattedName, 512, required: true);
            e.Text($"{p}.name.firstName", c.Name?.FirstName, 256, required: false);
            e.Text($"{p}.name.lastName", c.Name?.LastName, 256, required: false);
            var phones = c.Phones ?? [];
            for (var j = 0; j < phones.Count; j++)
            {
                if (string.IsNullOrWhiteSpace(phones[j].Phone) || !PhoneShape().IsMatch(phones[j].Phone!))
                    e.Add($"{p}.phones[{j}].phone", "phone must be a phone number (digits, spaces, +, -, parentheses)");
                if (phones[j].WaId is { } waId && !WaIdShape().IsMatch(waId)) e.Add($"{p}.phones[{j}].waId", "waId must be digits only");
            }
            var emails = c.Emails ?? [];
            for (var j = 0; j < emails.Count; j++)
                if (string.IsNullOrWhiteSpace(emails[j].Email) || emails[j].Email!.Length > 320 || !emails[j].Email!.Contains('@'))
                    e.Add($"{p}.emails[{j}].email", "email must be an email address");
            var urls = c.Urls ?? [];
            for (var j = 0; j < urls.Count; j++)
                if (!Uri.TryCreate(urls[j].Url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                    e.Add($"{p}.urls[{j}].url", "url must be an http(s) address");
            if (c.Birthday is { } birthday && !DateOnly.TryParseExact(birthday, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                e.Add($"{p}.birthday", "birthday must be a date as YYYY-MM-DD");
            if (phones.Count + emails.Count + urls.Count == 0) e.Add(p, "a contact needs at least a phone, an email or a url");
        }
        e.ThrowIfAny();
    }

    public static void Template(TemplateContent? template)
    {
        var e = new Errors();
        if (template is null)
        {
            e.Add("template", "template is required");
            e.ThrowIfAny();
        }
        if (string.IsNullOrWhiteSpace(template!.Name) || template.Name.Length > MaxTemplateNameLength || !TemplateName().IsMatch(template.Name))
            e.Add("template.name", "name must be the template's name: lowercase letters, digits and underscores");
        if (string.IsNullOrWhiteSpace(template.Language) || !LanguageCode().IsMatch(template.Language))
            e.Add("template.language", "language must be a language code such as en or en_US");
        var components = template.Components ?? [];
        var seen = new HashSet<string>();
        for (var i = 0; i < components.Count; i++) Component(e, components[i], $"template.components[{i}]", seen);
        e.ThrowIfAny();
    }

    private static void Component(Errors e, TemplateComponent c, string p, HashSet<string> seen)
    {
        var type = c.Type?.ToLowerInvariant();
        if (type is not ("header" or "body" or "button"))
        {
            e.Add($"{p}.type", "type must be header, body or button");
            return;
        }
        var key = type == "button" ? $"button:{c.Index}" : type;
        if (!seen.Add(key)) e.Add($"{p}.type", type == "button" ? "each button index may appear once" : $"only one {type} component");
        if (type == "button")
        {
            if (c.SubType?.ToLowerInvariant() is not ("quick_reply" or "url" or "copy_code")) e.Add($"{p}.subType", "subType must be quick_reply, url or copy_code");
            if (c.Index is not (>= 0 and <= 9)) e.Add($"{p}.index", "index must be the button's position, 0 to 9");
        }
        var parameters = c.Parameters ?? [];
        if (type == "header" && parameters.Count > 1) e.Add($"{p}.parameters", "a header takes one parameter");
        for (var i = 0; i < parameters.Count; i++) Parameter(e, type, c.SubType?.ToLowerInvariant(), parameters[i], $"{p}.parameters[{i}]");
        var named = parameters.Count(x => x.ParameterName is not null);
        if (named != 0 && named != parameters.Count) e.Add($"{p}.parameters", "use either named or positional parameters, not both");
    }

    private static void Parameter(Errors e, string component, string? subType, TemplateParameter x, string p)
    {
        var type = x.Type?.ToLowerInvariant();
        var allowed = component switch
        {
            "header" => new[] { "text", "image", "video", "document", "location" },
            "body" => ["text", "currency", "date_time"],
            _ => subType switch { "quick_reply" => ["payload"], "copy_code" => ["coupon_code"], _ => ["text"] },
        };
        if (type is null || !allowed.Contains(type))
        {
            e.Add($"{p}.type", $"type must be one of {string.Join(", ", allowed)} in a {component}");
            return;
        }
        if (x.ParameterName is { } name && !ParameterName().IsMatch(name)) e.Add($"{p}.parameterName", "parameterName must be lowercase letters, digits and underscores");
        switch (type)
        {
            case "text":
                e.Text($"{p}.text", x.Text, component == "header" ? MaxTemplateHeaderTextLength : MaxTemplateTextParameterLength, required: true);
                break;
            case "payload":
                e.Text($"{p}.payload", x.Payload, 1000, required: true);
                break;
            case "coupon_code":
                e.Text($"{p}.couponCode", x.CouponCode, 15, required: true);
                break;
            case "currency":
                e.Text($"{p}.currency.fallbackValue", x.Currency?.FallbackValue, 100, required: true);
                if (x.Currency?.Code is not { Length: 3 } code || !code.All(char.IsAsciiLetterUpper)) e.Add($"{p}.currency.code", "code must be an ISO 4217 code such as USD");
                if (x.Currency?.Amount1000 is null) e.Add($"{p}.currency.amount1000", "amount1000 is required (the amount times 1000)");
                break;
            case "date_time":
                e.Text($"{p}.dateTime.fallbackValue", x.DateTime?.FallbackValue, 100, required: true);
                break;
            case "image" or "video" or "document":
                var media = type == "image" ? x.Image : type == "video" ? x.Video : x.Document;
                if (media is null || (string.IsNullOrWhiteSpace(media.Id) == string.IsNullOrWhiteSpace(media.Link)))
                    e.Add($"{p}.{type}", $"{type} needs exactly one of id (an uploaded media id) or link");
                else if (media.Link is { } link && (!Uri.TryCreate(link, UriKind.Absolute, out var u) || u.Scheme != "https"))
                    e.Add($"{p}.{type}.link", "link must be an https address");
                if (media?.Filename is { } f && (type != "document" || f.Length > MaxFileNameLength)) e.Add($"{p}.{type}.filename", "filename is only for documents, at most 240 characters");
                break;
            case "location":
                Location(e, x.Location, $"{p}.location");
                break;
        }
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{2,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneShape();

    [GeneratedRegex(@"^[0-9]{5,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex WaIdShape();

    [GeneratedRegex(@"^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateName();

    [GeneratedRegex(@"^[a-z]{2,3}(_[A-Z]{2,3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageCode();

    [GeneratedRegex(@"^[a-z0-9_]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
