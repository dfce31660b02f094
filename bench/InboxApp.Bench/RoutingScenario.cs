using System.Diagnostics;
using InboxApp.Core.Messaging;
using InboxApp.Core.Routing;

namespace InboxApp.Bench;

/// <summary>
/// The routing decision per inbound message with <c>rules</c> active rules (default 1,000): the rules are compiled once (as
/// <see cref="RoutingEngine"/> keeps them), then each message's context is decided against them, first match wins. Rules
/// mix keyword lists (most), regular expressions, countries, contact attributes and tags, message types and hours; 90 % of
/// the messages match no rule, the worst case (every rule evaluated). Prints the median and p99 in microseconds.
/// Usage: routing [rules=1000] [messages=20000]
/// </summary>
public static class RoutingScenario
{
    private static readonly string[] Words =
    [
        "refund", "invoice", "delivery", "parcel", "password", "login", "upgrade", "cancel", "warranty", "broken", "return", "price",
        "discount", "coupon", "order", "shipping", "address", "payment", "card", "bank", "loyalty", "points", "store", "hours",
    ];

    public static Task<int> RunAsync(string[] args)
    {
        var ruleCount = int.TryParse(args.ElementAtOrDefault(0), out var r) ? r : 1000;
        var messageCount = int.TryParse(args.ElementAtOrDefault(1), out var m) ? m : 20000;
        var random = new Random(42);
        var rows = Enumerable.Range(0, ruleCount).Select(i => new RoutingRule
        {
            Name = $"Rule {i}",
            TeamId = Guid.NewGuid(),
            Priority = i + 1,
            MatchType = i % 7 == 0 ? RuleMatchType.ALL : RuleMatchType.ANY,
            ConditionsJson = RoutingConditions.ToJson(RoutingConditions.Validate(Conditions(i, random))),
        }).ToList();

        var compileClock = Stopwatch.StartNew();
        var rules = rows.Select(RoutingEngine.Compile).ToList();
        compileClock.Stop();

        var contexts = Enumerable.Range(0, messageCount).Select(i => Context(i, random)).ToList();
        // Warm-up: JIT and the regex caches.
        foreach (var c in contexts.Take(500)) RoutingEngine.Decide(rules, c);

        var samples = new double[messageCount];
        var matched = 0;
        for (var i = 0; i < contexts.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var verdict = RoutingEngine.Decide(rules, contexts[i]);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (verdict.Rule is not null) matched++;
        }
        Array.Sort(samples);
        Console.WriteLine($"routing: {ruleCount} active rules compiled in {compileClock.Elapsed.TotalMilliseconds:F1} ms");
        Console.WriteLine($"routing: {messageCount} messages, {matched} matched a rule");
        Console.WriteLine($"routing decision per message: median {samples[samples.Length / 2]:F1} µs, p95 {samples[(int)(samples.Length * 0.95)]:F1} µs, " +
            $"p99 {samples[(int)(samples.Length * 0.99)]:F1} µs, max {samples[^1]:F1} µs");
        return Task.FromResult(0);
    }

    internal static List<RoutingCondition?> Conditions(int i, Random random)
    {
        // Keywords that real messages never contain keep most rules from matching: the bench measures a full scan.
        string Unused() => $"{Words[random.Next(Words.Length)]}-{i}-{random.Next(1000)}";
        return (i % 10) switch
        {
            0 => [new RoutingCondition(RoutingConditionType.REGEX, [$@"ticket\s*#?{i}\d+"])],
            1 => [new RoutingCondition(RoutingConditionType.COUNTRY, ["ZW", "ZM"]), new RoutingCondition(RoutingConditionType.KEYWORDS, [Unused()])],
            2 => [new RoutingCondition(RoutingConditionType.CONTACT_ATTRIBUTE, [$"tier-{i}"], Key: "plan")],
            3 => [new RoutingCondition(RoutingConditionType.CONTACT_TAG, [$"segment-{i}"]),
                  new RoutingCondition(RoutingConditionType.MESSAGE_TYPE, ["STICKER"], Scope: MessageScope.FIRST_MESSAGE)],
            4 => [new RoutingCondition(RoutingConditionType.KEYWORDS, [Unused(), Unused()], Scope: MessageScope.FIRST_MESSAGE),
                  new RoutingCondition(RoutingConditionType.BUSINESS_HOURS, ["OUTSIDE"])],
            _ => [new RoutingCondition(RoutingConditionType.KEYWORDS, [Unused(), Unused(), Unused(), Unused(), Unused()])],
        };
    }

    private static RoutingContext Context(int i, Random random)
    {
        var words = Enumerable.Range(0, 12 + random.Next(20)).Select(_ => Words[random.Next(Words.Length)]);
        var text = string.Join(' ', words);
        // One message in ten names a rule's keyword, somewhere in the list.
        if (i % 10 == 0) text += $" ticket #{random.Next(1000)}7";
        return new RoutingContext
        {
            Messages = [(RoutingEngine.Lower("Hello, I have a question"), MessageType.TEXT), (RoutingEngine.Lower(text), MessageType.TEXT)],
            Country = "DE",
            Attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["plan"] = "basic" },
            ContactTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "newsletter" },
            PhoneNumberId = Guid.NewGuid(),
            InsideBusinessHours = true,
        };
    }
}
