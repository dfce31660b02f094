using InboxApp.Core.Campaigns;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Pricing;
using InboxApp.Core.Tags;
using InboxApp.Core.Templates;

namespace InboxApp.Features.Campaigns;

public enum CampaignAudienceKind { Pasted, Tag, Csv }

public enum CampaignVariableSource { Text, ContactName, ContactPhone, Attribute, Column }

public enum CampaignScheduleKind { Draft, Now, Later }

/// <summary>
/// What the campaign wizard has gathered so far, shared by its step components (<see cref="CampaignBasicsStep"/>,
/// <see cref="CampaignAudienceStep"/>, <see cref="CampaignVariablesStep"/>, <see cref="CampaignScheduleStep"/>) and the page
/// that orchestrates them: each step validates its own part; the page turns the whole into a <see cref="CampaignInput"/>.
/// </summary>
public sealed class CampaignDraft
{
    public const long MaxCsvBytes = 10 * 1024 * 1024;

    // Step 1: name, number and template.
    public string? Name { get; set; }
    public List<PhoneNumberDto> Numbers { get; set; } = [];
    public Guid? NumberId { get; set; }
    public IReadOnlyList<TemplateDto> Templates { get; set; } = [];
    public TemplateDto? Template { get; private set; }

    // Step 2: audience.
    public CampaignAudienceKind Audience { get; set; } = CampaignAudienceKind.Pasted;
    public string? Pasted { get; set; }
    public IReadOnlyList<TagDto> Tags { get; set; } = [];
    public Guid? TagId { get; set; }
    public List<CampaignAudience.Row>? CsvRows { get; set; }
    public List<string> CsvColumns { get; set; } = [];
    public string? CsvFileName { get; set; }

    // Step 3: the template's variables.
    public Dictionary<string, CampaignVariableSource> Sources { get; } = new();
    public Dictionary<string, string> Texts { get; } = new();
    public Dictionary<string, string?> Columns { get; } = new();

    // Step 4: estimate and schedule.
    public CostEstimate? Estimate { get; set; }
    public bool Estimating { get; set; }
    public CampaignScheduleKind Schedule { get; set; } = CampaignScheduleKind.Draft;
    /// <summary>Entered in the user's zone (theirs, else the organization's: Profile), stored in UTC.</summary>
    public DateTime? SendAt { get; set; }
    public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Chooses the template (null: none) and forgets the previous one's variables.</summary>
    public void ChooseTemplate(Guid? id)
    {
        Template = Templates.FirstOrDefault(t => t.Id == id);
        Sources.Clear();
        Texts.Clear();
        Columns.Clear();
    }

    public List<string> PastedPhones() => (Pasted ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>Each variable starts as text, or as the CSV column of the same name when there is one.</summary>
    public void PrepareVariables()
    {
        foreach (var variable in Template!.Variables)
        {
            if (Sources.ContainsKey(variable.Key) && (Sources[variable.Key] != CampaignVariableSource.Column || Audience == CampaignAudienceKind.Csv)) continue;
            var bare = variable.Key[(variable.Key.IndexOf('.') + 1)..];
            var column = Audience == CampaignAudienceKind.Csv ? CsvColumns.FirstOrDefault(c => c == variable.Key || c == bare) : null;
            Sources[variable.Key] = column is null ? CampaignVariableSource.Text : CampaignVariableSource.Column;
            Columns[variable.Key] = column;
        }
    }

    /// <summary>The labels of required variables without a value or a source.</summary>
    public List<string> MissingVariables() => Template!.Variables.Where(v => v.Required && Sources.GetValueOrDefault(v.Key) switch
    {
        CampaignVariableSource.Text or CampaignVariableSource.Attribute => string.IsNullOrWhiteSpace(Texts.GetValueOrDefault(v.Key)),
        CampaignVariableSource.Column => string.IsNullOrEmpty(Columns.GetValueOrDefault(v.Key)),
        _ => false,
    }).Select(v => v.Label).ToList();

    /// <summary>The values for every recipient: text, or a mapping read from the contact (CSV columns go into each row instead).</summary>
    public Dictionary<string, string?> Mapping()
    {
        var mapping = new Dictionary<string, string?>();
        foreach (var variable in Template!.Variables)
        {
            var text = Texts.GetValueOrDefault(variable.Key)?.Trim();
            string? value = Sources.GetValueOrDefault(variable.Key) switch
            {
                CampaignVariableSource.Text => text,
                CampaignVariableSource.ContactName => "{{contact.name}}",
                CampaignVariableSource.ContactPhone => "{{contact.phone}}",
                CampaignVariableSource.Attribute when !string.IsNullOrEmpty(text) => "{{attributes." + text + "}}",
                _ => null,
            };
            if (!string.IsNullOrEmpty(value)) mapping[variable.Key] = value;
        }
        return mapping;
    }

    /// <summary>What the preview shows: the text, or the mapping's source in brackets.</summary>
    public Dictionary<string, string> SampleValues()
    {
        var sample = new Dictionary<string, string>();
        foreach (var variable in Template!.Variables)
        {
            var text = Texts.GetValueOrDefault(variable.Key);
            string? value = Sources.GetValueOrDefault(variable.Key) switch
            {
                CampaignVariableSource.Text => string.IsNullOrEmpty(text) ? null : text,
                CampaignVariableSource.ContactName => "[contact name]",
                CampaignVariableSource.ContactPhone => "[contact phone]",
                CampaignVariableSource.Attribute => $"[attribute {text}]",
                CampaignVariableSource.Column => Columns.GetValueOrDefault(variable.Key) is { } c ? $"[column {c}]" : null,
                _ => null,
            };
            if (value is not null) sample[variable.Key] = value;
        }
        return sample;
    }

    /// <summary>The phone as given on a row of the audience (1-based; for a CSV, its line).</summary>
    public string? PhoneOfRow(int row) => Audience switch
    {
        CampaignAudienceKind.Pasted => PastedPhones() is var phones && row >= 1 && row <= phones.Count ? phones[row - 1] : null,
        CampaignAudienceKind.Csv => CsvRows?.FirstOrDefault(r => r.Number == row)?.Phone,
        _ => null,
    };

    /// <summary>The CSV rows with the template's values taken from the chosen columns.</summary>
    public List<CampaignAudience.Row> MappedCsvRows()
    {
        var byColumn = Template!.Variables.Where(v => Sources.GetValueOrDefault(v.Key) == CampaignVariableSource.Column && Columns.GetValueOrDefault(v.Key) is not null)
            .Select(v => (v.Key, Column: Columns[v.Key]!)).ToList();
        return CsvRows!.Select(r => new CampaignAudience.Row(r.Number, r.Phone,
            byColumn.ToDictionary(m => m.Key, m => r.Variables?.GetValueOrDefault(m.Column)))).ToList();
    }

    /// <summary>The chosen time (a wall-clock time in the user's zone) in UTC; a time the zone skips (a clock change) counts as the hour after.</summary>
    public DateTimeOffset? SendAtUtc()
    {
        if (SendAt is not { } local) return null;
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(wall, Zone), TimeSpan.Zero);
    }

    /// <summary>The campaign as the service takes it (CSV rows go beside it: <see cref="MappedCsvRows"/>).</summary>
    public CampaignInput Input(DateTimeOffset? at) => new(Name!.Trim(), Template!.Id, NumberId,
        Audience == CampaignAudienceKind.Pasted ? PastedPhones().Select(p => new CampaignRecipientInput(p, null)).ToList() : null,
        Audience == CampaignAudienceKind.Tag ? TagId : null, null, Mapping(), at, Schedule == CampaignScheduleKind.Now);
}
