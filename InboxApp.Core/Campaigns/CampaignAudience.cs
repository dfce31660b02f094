using System.Text;
using System.Text.Json;
using InboxApp.Core.Common;
using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using InboxApp.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// Turns an audience (a list, a tag, a contact filter or CSV rows) into recipient rows of one campaign: each phone in
/// E.164, deduplicated on its matching key, with its template values resolved (mapped ones from its contact). Rows that
/// cannot be sent are reported, not added: invalid phone, missing variable, duplicate.
/// </summary>
public static class CampaignAudience
{
    private const int ChunkSize = 500;

    public sealed record Row(int Number, string? Phone, IReadOnlyDictionary<string, string?>? Variables);

    /// <summary>The rows of a CSV: a header line with a <c>phone</c> column; every other column is a template variable.</summary>
    public static List<Row> ParseCsv(string text)
    {
        var lines = CsvReader.Parse(text);
        if (lines.Count == 0) throw InboxException.Invalid("file", "The CSV file is empty");
        var header = lines[0].Select(h => h.Trim()).ToList();
        var phoneColumn = header.FindIndex(h => h.Equals("phone", StringComparison.OrdinalIgnoreCase));
        if (phoneColumn < 0) throw InboxException.Invalid("file", "The CSV's first line must name its columns, one of them \"phone\"");
        var rows = new List<Row>();
        for (var i = 1; i < lines.Count; i++)
        {
            var cells = lines[i];
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var c = 0; c < header.Count && c < cells.Count; c++)
                if (c != phoneColumn && header[c].Length > 0) variables[header[c]] = cells[c];
            rows.Add(new Row(i + 1, phoneColumn < cells.Count ? cells[phoneColumn] : null, variables));
        }
        return rows;
    }

    /// <summary>The contacts of the number carrying the tag (on one of their conversations) or matching the filter, as rows.</summary>
    internal static async Task<List<Row>> FromContactsAsync(InboxDbContext db, Guid phoneNumberId, Guid? tagId, CampaignContactFilter? filter, CancellationToken ct)
    {
        var contacts = db.Contacts.AsNoTracking().Where(c => c.PhoneNumberId == phoneNumberId && c.Phone != null);
        if (tagId is { } tag)
        {
            if (!await db.Tags.AnyAsync(t => t.Id == tag, ct)) throw InboxException.NotFound("Tag");
            var tagged = db.ConversationTags.Where(t => t.TagId == tag).Join(db.Conversations, t => t.ConversationId, c => c.Id, (t, c) => c.ContactId);
            contacts = contacts.Where(c => tagged.Contains(c.Id));
        }
        if (filter?.Category is { Length: > 0 } category) contacts = contacts.Where(c => c.Category == category);
        if (filter?.Search is { Length: > 0 } search)
        {
            var s = search.Trim().ToLower();
            contacts = contacts.Where(c => (c.Name != null && c.Name.ToLower().Contains(s)) || (c.ProfileName != null && c.ProfileName.ToLower().Contains(s))
                || c.Phone!.Contains(s));
        }
        var found = await contacts.OrderBy(c => c.CreatedAt).Select(c => new { c.Phone, c.AttributesJson }).ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var c in found)
        {
            if (filter?.Attributes is { Count: > 0 } wanted)
            {
                var attributes = Attributes(c.AttributesJson);
                if (wanted.Any(w => !attributes.TryGetValue(w.Key, out var v) || !string.Equals(v, w.Value, StringComparison.OrdinalIgnoreCase))) continue;
            }
            rows.Add(new Row(rows.Count + 1, c.Phone, null));
        }
        return rows;
    }

    /// <summary>
    /// The recipient rows of <paramref name="rows"/> (valid, deduplicated, values resolved) and the report of the others.
    /// </summary>
    internal static async Task<(List<CampaignRecipient> Recipients, List<CampaignRowProblem> Problems)> BuildAsync(InboxDbContext db, Guid phoneNumberId,
        MessageTemplate template, IReadOnlyList<Row> rows, IReadOnlyDictionary<string, string?>? mapping, DateTimeOffset now, CancellationToken ct)
    {
        var required = TemplateRenderer.Variables(TemplateJson.Parse(template.ComponentsJson), template.HeaderMediaPath is not null)
            .Where(v => v.Required).Select(v => v.Key).ToList();
        var normalizedMapping = TemplateRenderer.Normalize(mapping);
        var needsContacts = normalizedMapping.Values.Any(v => v.Contains("{{", StringComparison.Ordinal));

        var problems = new List<CampaignRowProblem>();
        var valid = new List<(Row Row, string Digits, string Key)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var digits = PhoneKeys.E164(row.Phone)?.TrimStart('+');
            var key = digits is null ? null : PhoneKeys.Key(digits);
            if (digits is null || key is null)
            {
                problems.Add(new CampaignRowProblem(row.Number, row.Phone, "invalid phone: give the number with its country code, such as +14155550123"));
                continue;
            }
            if (seen.TryGetValue(key, out var first))
            {
                problems.Add(new CampaignRowProblem(row.Number, row.Phone, $"duplicate of row {first}"));
                continue;
            }
            seen[key] = row.Number;
            valid.Add((row, digits, key));
        }

        var contacts = new Dictionary<string, (string? Name, string? Phone, Dictionary<string, string> Attributes)>(StringComparer.Ordinal);
        if (needsContacts)
        {
            foreach (var chunk in valid.Select(v => v.Key).Chunk(ChunkSize))
            {
                var found = await db.Contacts.AsNoTracking().Where(c => c.PhoneNumberId == phoneNumberId && c.PhoneKey != null && chunk.Contains(c.PhoneKey))
                    .Select(c => new { c.PhoneKey, c.Name, c.ProfileName, c.Phone, c.AttributesJson }).ToListAsync(ct);
                foreach (var c in found) contacts[c.PhoneKey!] = (c.Name ?? c.ProfileName, c.Phone, Attributes(c.AttributesJson));
            }
        }

        var recipients = new List<CampaignRecipient>();
        foreach (var (row, digits, key) in valid)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            contacts.TryGetValue(key, out var contact);
            foreach (var (k, v) in normalizedMapping)
                if (Resolve(v, digits, contact) is { Length: > 0 } resolved) values[k] = resolved;
            foreach (var (k, v) in TemplateRenderer.Normalize(row.Variables)) values[k] = v;
            var missing = required.Where(r => !values.ContainsKey(r)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new CampaignRowProblem(row.Number, row.Phone, $"missing variable {string.Join(", ", missing)}"));
                continue;
            }
            var json = JsonSerializer.Serialize(values);
            if (json.Length > 8000)
            {
                problems.Add(new CampaignRowProblem(row.Number, row.Phone, "the values are too long (8,000 characters at most)"));
                continue;
            }
            recipients.Add(new CampaignRecipient
            {
                Seq = recipients.Count + 1, Phone = digits, PhoneKey = key, VariablesJson = json, UpdatedAt = now,
            });
        }
        return (recipients, problems.OrderBy(p => p.Row).ToList());
    }

    /// <summary>A mapped value: <c>{{contact.name}}</c>, <c>{{contact.phone}}</c>, <c>{{attributes.key}}</c>, or literal text.</summary>
    private static string? Resolve(string value, string digits, (string? Name, string? Phone, Dictionary<string, string> Attributes) contact)
    {
        var v = value.Trim();
        if (!v.StartsWith("{{", StringComparison.Ordinal) || !v.EndsWith("}}", StringComparison.Ordinal)) return value;
        var field = v[2..^2].Trim();
        if (field.Equals("contact.name", StringComparison.OrdinalIgnoreCase)) return contact.Name;
        if (field.Equals("contact.phone", StringComparison.OrdinalIgnoreCase)) return "+" + (contact.Phone ?? digits);
        if (field.StartsWith("attributes.", StringComparison.OrdinalIgnoreCase))
            return contact.Attributes is not null && contact.Attributes.TryGetValue(field["attributes.".Length..], out var a) ? a : null;
        return value;
    }

    /// <summary>A contact's custom attributes as text (numbers and booleans as written).</summary>
    private static Dictionary<string, string> Attributes(string json)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return result;
            foreach (var p in doc.RootElement.EnumerateObject())
                result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        }
        catch (JsonException)
        {
        }
        return result;
    }
}

/// <summary>A small RFC 4180 reader: quoted cells with commas, quotes ("") and line breaks; comma or semicolon separated.</summary>
public static class CsvReader
{
    public static List<List<string>> Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Count(ch => ch == ';') > firstLine.Count(ch => ch == ',') ? ';' : ',';
        var lines = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"' && cell.Length == 0) quoted = true;
            else if (ch == separator) { row.Add(cell.ToString()); cell.Clear(); }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(cell.ToString());
                cell.Clear();
                lines.Add(row);
                row = [];
            }
            else cell.Append(ch);
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            lines.Add(row);
        }
        return lines;
    }

    /// <summary>A cell as CSV writes it: quoted when it holds a separator, quote or line break; formula starts defused.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        // A cell starting with = + - @ (or a tab or carriage return before one) would run as a formula in a spreadsheet.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !(value[0] == '+' && value.Length > 1 && value.Skip(1).All(char.IsAsciiDigit))) value = "'" + value;
        return value.IndexOfAny([',', ';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
