namespace InboxApp.Core.OptOuts;

/// <summary>A number on the suppression list, as the API and the settings page show it.</summary>
public sealed record OptOutDto(
    Guid Id, string Phone, string PhoneKey, string? Country, Guid? ContactId, string? ContactName, OptOutSource Source, string? Keyword,
    string? Note, Guid? AddedById, string? AddedByName, DateTimeOffset CreatedAt);

/// <summary>The organization's keyword settings (the defaults until someone saves them).</summary>
public sealed record OptOutSettingsDto(
    bool KeywordsEnabled, IReadOnlyList<string> StopKeywords, IReadOnlyList<string> StartKeywords, string OptOutReply, string OptInReply,
    bool IsDefault, DateTimeOffset? UpdatedAt);

/// <summary>What an import did: numbers added, numbers on the list already, and what was not a phone number.</summary>
public sealed record OptOutImportResult(int Added, int AlreadyOptedOut, IReadOnlyList<string> Invalid);

/// <summary>One page of the list and how many match in all.</summary>
public sealed record OptOutPage(IReadOnlyList<OptOutDto> Items, int Total);
