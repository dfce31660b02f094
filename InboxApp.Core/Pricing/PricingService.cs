using System.Text.RegularExpressions;
using InboxApp.Core.Campaigns;
using InboxApp.Core.Common;
using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.OptOuts;
using InboxApp.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Pricing;

/// <summary>
/// Meta's per-message prices: the table (every member reads it, super admins change it), estimates of a send before it
/// happens, and what delivered messages actually cost (recorded per message from status webhooks by <see cref="RecordMessageCost"/>).
/// </summary>
public sealed partial class PricingService(InboxDb inboxDb, OptOutList optOuts, PriceRegionMembership membership, TimeProvider clock)
{
    public const int MaxEstimateRecipients = 50_000;
    /// <summary>More countries than there are (about 245): a region's list is never longer.</summary>
    public const int MaxRegionCountries = 300;
    public const int MaxReportDays = 366;
    private const int Chunk = 500;

    public async Task<IReadOnlyList<MarketPriceDto>> ListPricesAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.System();
        var rows = await db.Set<MarketPrice>().AsNoTracking().ToListAsync(ct);
        // Countries by name, then Meta's regions, then "Other".
        return rows.OrderBy(r => r.Market == PriceCard.DefaultMarket ? 2 : PriceRegions.IsRegion(r.Market) ? 1 : 0).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(ToDto).ToList();
    }

    /// <summary>Creates or changes markets' rows (super admins). Every field is checked; nothing is saved when one is wrong.</summary>
    public async Task<IReadOnlyList<MarketPriceDto>> UpdatePricesAsync(Actor actor, IReadOnlyList<MarketPriceInput>? markets, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPER_ADMIN);
        if (markets is null || markets.Count == 0) throw InboxException.Invalid("markets", "name at least one market");
        if (markets.Count > 500) throw InboxException.Invalid("markets", "at most 500 markets at once");
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < markets.Count; i++)
        {
            var m = markets[i];
            var market = m?.Market?.Trim().ToUpperInvariant();
            if (market is null || !MarketPattern().IsMatch(market) && !PriceRegions.IsRegion(market))
                errors[$"markets[{i}].market"] = [$"market must be a calling code (1 to 4 digits), a region ({string.Join(", ", PriceRegions.All.Select(r => r.Market))}) or DEFAULT"];
            else if (!seen.Add(market)) errors[$"markets[{i}].market"] = ["each market may appear once"];
            if (string.IsNullOrWhiteSpace(m?.Name) || m.Name.Trim().Length > PriceCard.MaxNameLength) errors[$"markets[{i}].name"] = [$"name must have 1 to {PriceCard.MaxNameLength} characters"];
            Price(errors, $"markets[{i}].marketing", m?.Marketing);
            Price(errors, $"markets[{i}].utility", m?.Utility);
            Price(errors, $"markets[{i}].authentication", m?.Authentication);
            Price(errors, $"markets[{i}].service", m?.Service ?? 0m);
        }
        if (errors.Count > 0) throw InboxException.Invalid(errors);

        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var existing = await db.Set<MarketPrice>().ToDictionaryAsync(p => p.Market, ct);
        foreach (var m in markets)
        {
            var market = m.Market!.Trim().ToUpperInvariant();
            if (!existing.TryGetValue(market, out var row)) db.Add(row = new MarketPrice { Market = market, Name = "" });
            row.Name = m.Name!.Trim();
            row.MarketingMicros = PriceCard.ToMicros(m.Marketing!.Value);
            row.UtilityMicros = PriceCard.ToMicros(m.Utility!.Value);
            row.AuthenticationMicros = PriceCard.ToMicros(m.Authentication!.Value);
            row.ServiceMicros = PriceCard.ToMicros(m.Service ?? 0m);
            row.UpdatedAt = now;
            row.UpdatedById = actor.UserId;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw InboxException.Conflict("The prices were changed meanwhile; try again");
        }
        return await ListPricesAsync(actor, ct);
    }

    /// <summary>Meta's regions and the countries each prices (supervisors, admins and super admins).</summary>
    public async Task<IReadOnlyList<PriceRegionDto>> ListRegionsAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.System();
        var rows = await db.Set<PriceRegionCountry>().AsNoTracking().Select(c => new { c.Country, c.Market }).ToListAsync(ct);
        var names = await db.Set<MarketPrice>().AsNoTracking().Where(p => p.Market.StartsWith("R_")).ToDictionaryAsync(p => p.Market, p => p.Name, ct);
        return PriceRegions.All.Select(r => Region(r.Market, names, rows.Where(c => c.Market == r.Market).Select(c => c.Country))).ToList();
    }

    /// <summary>
    /// Sets the countries a region prices (super admins): the list replaces the region's. Codes are ISO 3166-1 alpha-2
    /// (<see cref="PriceCard.Countries"/>, upper-cased), each once; a country already in another region is refused, naming
    /// that region (moving a country is explicit: remove it there first); so is a country priced by a row of its own (its
    /// calling code's: a region would never price it). 404 for a market that is not a region; nothing is saved when one
    /// code is wrong.
    /// </summary>
    public async Task<PriceRegionDto> UpdateRegionAsync(Actor actor, string market, IReadOnlyList<string?>? countries, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPER_ADMIN);
        var region = market.Trim().ToUpperInvariant();
        if (!PriceRegions.IsRegion(region)) throw InboxException.NotFound("Price region");
        if (countries is null) throw InboxException.Invalid("countries", "give the region's countries (an empty list empties it)");
        if (countries.Count > MaxRegionCountries) throw InboxException.Invalid("countries", $"at most {MaxRegionCountries} countries");

        await using var db = inboxDb.System();
        var all = await db.Set<PriceRegionCountry>().ToListAsync(ct);
        var markets = await db.Set<MarketPrice>().AsNoTracking().ToDictionaryAsync(p => p.Market, p => p.Name, ct);
        var errors = new Dictionary<string, string[]>();
        var wanted = new List<string>();
        for (var i = 0; i < countries.Count; i++)
        {
            var code = countries[i]?.Trim().ToUpperInvariant() ?? "";
            var field = $"countries[{i}]";
            if (!CountryPattern().IsMatch(code) || !PriceCard.IsCountry(code))
                errors[field] = [$"'{countries[i]}' is not an ISO 3166-1 alpha-2 country code (such as DE)"];
            else if (wanted.Contains(code)) errors[field] = [$"{code} appears more than once"];
            else if (all.FirstOrDefault(c => c.Country == code && c.Market != region) is { } elsewhere)
                errors[field] = [$"{code} ({PriceCard.CountryName(code)}) is in {RegionName(elsewhere.Market, markets)} ({elsewhere.Market}): remove it there first"];
            else if (PriceCard.OwnMarketOf(code) is { } own && markets.TryGetValue(own, out var ownName))
                errors[field] = [$"{code} ({PriceCard.CountryName(code)}) is priced by its own row ({own}, {ownName}): a region would not price it"];
            if (code.Length > 0 && !wanted.Contains(code)) wanted.Add(code);
        }
        if (errors.Count > 0) throw InboxException.Invalid(errors);

        var now = clock.GetUtcNow();
        var members = all.Where(c => c.Market == region).ToList();
        db.RemoveRange(members.Where(c => !wanted.Contains(c.Country)));
        foreach (var code in wanted.Where(code => members.All(c => c.Country != code)))
            db.Add(new PriceRegionCountry { Country = code, Market = region, UpdatedAt = now, UpdatedById = actor.UserId });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw InboxException.Conflict("The regions were changed meanwhile; try again");
        }
        finally
        {
            membership.Invalidate();
        }
        return Region(region, markets, wanted);
    }

    private static PriceRegionDto Region(string market, IReadOnlyDictionary<string, string> names, IEnumerable<string> countries) =>
        new(market, RegionName(market, names),
            countries.Select(c => new RegionCountryDto(c, PriceCard.CountryName(c))).OrderBy(c => c.Name, StringComparer.Ordinal).ToList());

    /// <summary>The region's name: its price row's (super admins may rename it), else Meta's.</summary>
    private static string RegionName(string market, IReadOnlyDictionary<string, string> names) =>
        names.TryGetValue(market, out var name) ? name : PriceRegions.NameOf(market) ?? market;

    /// <summary>
    /// What sending a template (or a category) to <paramref name="phones"/> would cost: one message per distinct number, numbers
    /// on the suppression list (and, for marketing, United States numbers) left out, each priced by its market. 404 for a
    /// template of another organization.
    /// </summary>
    public async Task<CostEstimate> EstimateAsync(Actor actor, Guid? templateId, PricingCategory? category, IReadOnlyList<string>? phones, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        if (phones is null || phones.Count == 0) throw InboxException.Invalid("recipients", "name at least one recipient");
        if (phones.Count > MaxEstimateRecipients) throw InboxException.Invalid("recipients", $"at most {MaxEstimateRecipients} recipients per estimate");
        if (templateId is null && category is null) throw InboxException.Invalid("templateId", "give a templateId or a category");
        return await EstimateAsync(actor.Org, templateId, category, (_, _) => Task.FromResult<IReadOnlyList<string>>(phones), ct);
    }

    /// <summary>
    /// What sending a template (or a category) to the contacts with a tag would cost: the campaign's tag audience (the
    /// contacts of the sending number whose conversations carry the tag; <see cref="CampaignAudience"/>), then as
    /// <see cref="EstimateAsync(Actor, Guid?, PricingCategory?, IReadOnlyList{string}?, CancellationToken)"/>. The number is
    /// the given one, else the first active number of the template's account. 404 for another organization's tag, number or template.
    /// </summary>
    public async Task<CostEstimate> EstimateForTagAsync(Actor actor, Guid? templateId, PricingCategory? category, Guid tagId, Guid? phoneNumberId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        if (templateId is null && category is null) throw InboxException.Invalid("templateId", "give a templateId or a category");
        return await EstimateAsync(actor.Org, templateId, category, async (db, ct2) =>
        {
            var numberId = phoneNumberId is { } given
                ? await db.PhoneNumbers.Where(p => p.Id == given).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct2) ?? throw InboxException.NotFound("Phone number")
                : templateId is { } id
                    ? await db.Set<MessageTemplate>().Where(t => t.Id == id)
                        .SelectMany(t => db.PhoneNumbers.Where(p => p.AccountId == t.AccountId && p.IsActive).OrderBy(p => p.CreatedAt).Select(p => (Guid?)p.Id).Take(1))
                        .FirstOrDefaultAsync(ct2) ?? throw InboxException.Invalid("phoneNumberId", "the template's WhatsApp account has no active number: give phoneNumberId")
                    : throw InboxException.Invalid("phoneNumberId", "give the sending number (phoneNumberId) with a tag and a category");
            var rows = await CampaignAudience.FromContactsAsync(db, numberId, tagId, null, ct2);
            if (rows.Count > MaxEstimateRecipients) throw InboxException.Invalid("tagId", $"at most {MaxEstimateRecipients} recipients per estimate");
            return rows.Select(r => r.Phone ?? "").ToList();
        }, ct);
    }

    private async Task<CostEstimate> EstimateAsync(Guid org, Guid? templateId, PricingCategory? category,
        Func<InboxDbContext, CancellationToken, Task<IReadOnlyList<string>>> audience, CancellationToken ct)
    {
        Dictionary<string, MarketPrice> table;
        IReadOnlyList<string> phones;
        await using (var db = inboxDb.For(org))
        {
            if (templateId is { } id)
            {
                var templateCategory = await db.Set<MessageTemplate>().AsNoTracking().Where(t => t.Id == id).Select(t => (TemplateCategory?)t.Category).FirstOrDefaultAsync(ct)
                    ?? throw InboxException.NotFound("Template");
                category = templateCategory switch
                {
                    TemplateCategory.MARKETING => PricingCategory.MARKETING,
                    TemplateCategory.UTILITY => PricingCategory.UTILITY,
                    _ => PricingCategory.AUTHENTICATION,
                };
            }
            table = await db.Set<MarketPrice>().AsNoTracking().ToDictionaryAsync(p => p.Market, ct);
            phones = await audience(db, ct);
        }
        var regions = await membership.GetAsync(ct);

        var invalid = new List<string>();
        var distinct = new Dictionary<string, (string Market, string? Country)>(StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var phone in phones)
        {
            if (PhoneKeys.Key(phone) is not { } key || PriceCard.MarketOf(phone) is not { } market)
            {
                invalid.Add(phone ?? "");
                continue;
            }
            if (!distinct.TryAdd(key, market)) duplicates++;
        }
        var optedOutKeys = distinct.Count == 0 ? new HashSet<string>(StringComparer.Ordinal)
            : (await optOuts.FindOptedOutAsync(org, distinct.Keys.ToList(), ct)).Keys.ToHashSet(StringComparer.Ordinal);
        var optedOut = optedOutKeys.Count;
        var blocked = category == PricingCategory.MARKETING
            ? distinct.Count(d => !optedOutKeys.Contains(d.Key) && d.Value.Country == "US") : 0;
        var lines = distinct.Where(d => !optedOutKeys.Contains(d.Key) && !(category == PricingCategory.MARKETING && d.Value.Country == "US"))
            .GroupBy(d => (d.Value.Country, Market: PriceCard.RowFor(table, regions, d.Value.Market, d.Value.Country).Market))
            .Select(g =>
            {
                var row = table.TryGetValue(g.Key.Market, out var resolved) ? resolved : PriceCard.RowFor(table, regions, PriceCard.DefaultMarket, null);
                var unit = row.MicrosFor(category!.Value);
                return (Line: new EstimateLine(g.Key.Country, row.Market, row.Name, g.Count(), PriceCard.ToUsd(unit), PriceCard.ToUsd(unit * g.Count())), Micros: unit * g.Count());
            })
            .OrderByDescending(l => l.Micros).ThenBy(l => l.Line.Country ?? l.Line.Market, StringComparer.Ordinal).ToList();
        return new CostEstimate(category!.Value, PriceCard.Currency, phones.Count, lines.Sum(l => l.Line.Recipients), optedOut, blocked, duplicates,
            PriceCard.ToUsd(lines.Sum(l => l.Micros)), lines.Select(l => l.Line).ToList(), invalid);
    }

    /// <summary>The organization's recorded costs of messages billed from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive); the last 90 days by default.</summary>
    public async Task<MetaCostReport> MetaCostsAsync(Actor actor, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        var end = to ?? clock.GetUtcNow();
        var start = from ?? end.AddDays(-90);
        if (start >= end) throw InboxException.Invalid("from", "from must be before to");
        if (end - start > TimeSpan.FromDays(MaxReportDays)) throw InboxException.Invalid("from", $"the period may span at most {MaxReportDays} days");
        await using var db = inboxDb.For(actor.Org);
        var rows = db.Set<MessageCost>().AsNoTracking().Where(c => c.BilledAt >= start && c.BilledAt < end);
        var summary = await SummarizeAsync([rows], ct);
        return new MetaCostReport(start, end, summary.Currency, summary.Messages, summary.Total, summary.ByCategory, summary.ByCountry);
    }

    /// <summary>What these messages of the organization cost (those with a recorded cost; others count nothing). For campaign costs.</summary>
    public async Task<CostSummary> CostForMessagesAsync(Guid organizationId, IReadOnlyCollection<Guid> messageIds, CancellationToken ct = default)
    {
        await using var db = inboxDb.For(organizationId);
        var ids = messageIds.Distinct().ToList();
        return await SummarizeAsync(ids.Chunk(Chunk).Select(chunk => db.Set<MessageCost>().AsNoTracking().Where(c => chunk.Contains(c.MessageId))), ct);
    }

    private static async Task<CostSummary> SummarizeAsync(IEnumerable<IQueryable<MessageCost>> parts, CancellationToken ct)
    {
        var byCategory = new Dictionary<PricingCategory, (int Count, long Micros)>();
        var byCountry = new Dictionary<(string? Country, string Market), (int Count, long Micros)>();
        foreach (var rows in parts)
        {
            foreach (var g in await rows.GroupBy(c => new { c.Category, c.Country, c.Market })
                         .Select(g => new { g.Key.Category, g.Key.Country, g.Key.Market, Count = g.Count(), Micros = g.Sum(c => c.PriceMicros) }).ToListAsync(ct))
            {
                var c = byCategory.GetValueOrDefault(g.Category);
                byCategory[g.Category] = (c.Count + g.Count, c.Micros + g.Micros);
                var k = byCountry.GetValueOrDefault((g.Country, g.Market));
                byCountry[(g.Country, g.Market)] = (k.Count + g.Count, k.Micros + g.Micros);
            }
        }
        return new CostSummary(PriceCard.Currency, byCategory.Values.Sum(v => v.Count), PriceCard.ToUsd(byCategory.Values.Sum(v => v.Micros)),
            byCategory.OrderBy(c => c.Key).Select(c => new CostByCategory(c.Key, c.Value.Count, PriceCard.ToUsd(c.Value.Micros))).ToList(),
            byCountry.OrderByDescending(c => c.Value.Micros).ThenBy(c => c.Key.Country ?? c.Key.Market, StringComparer.Ordinal)
                .Select(c => new CostByCountry(c.Key.Country, c.Key.Market, c.Value.Count, PriceCard.ToUsd(c.Value.Micros))).ToList());
    }

    private static MarketPriceDto ToDto(MarketPrice p) => new(p.Market, p.Name, PriceCard.ToUsd(p.MarketingMicros), PriceCard.ToUsd(p.UtilityMicros),
        PriceCard.ToUsd(p.AuthenticationMicros), PriceCard.ToUsd(p.ServiceMicros), p.Currency, p.UpdatedAt);

    private static void Price(Dictionary<string, string[]> errors, string field, decimal? price)
    {
        if (price is not { } p) errors[field] = ["give a price (USD per message)"];
        else if (p < 0 || p > PriceCard.MaxPrice) errors[field] = [$"a price must be between 0 and {PriceCard.MaxPrice} USD"];
        else if (decimal.Round(p, 6) != p) errors[field] = ["a price has at most 6 decimals"];
    }

    [GeneratedRegex("^([0-9]{1,4}|DEFAULT)$")]
    private static partial Regex MarketPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
