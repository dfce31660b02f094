using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Messaging;
using InboxApp.Core.Webhooks;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Webhooks;

/// <summary>
/// Property tests: every payload the tests know, with field types changed, optional fields dropped and unknown fields added
/// at random (seeded, so a failure repeats), never makes parsing or processing throw, and never costs another delivery.
/// </summary>
[Collection(SharedApp.Second)]
public sealed partial class WebhookRobustnessTests(NoJobsAppFactory factory)
{
    private const int Seed = 20261204;
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddMinutes(-10);

    [Fact]
    public void Every_known_payload_parses_without_throwing_whatever_its_field_types_missing_fields_and_unknown_fields()
    {
        var random = new Random(Seed);
        var samples = WhatsAppSamples.All("106540352242922", "p", At);
        foreach (var sample in samples) Assert.Null(WhatsAppWebhookParser.Parse(sample).Error);
        for (var i = 0; i < 4000; i++)
        {
            var sample = samples[i % samples.Count];
            var mutated = Mutate(sample, random, rate: 0.02 + random.NextDouble() * 0.2);
            var parsed = Record.Exception(() => WhatsAppWebhookParser.Parse(mutated));
            Assert.True(parsed is null, $"Iteration {i} threw {parsed}: {mutated}");
        }
    }

    [Fact]
    public void Numbers_written_as_strings_or_strings_written_as_numbers_parse_to_the_same_messages()
    {
        var random = new Random(Seed);
        var samples = WhatsAppSamples.All("106540352242922", "n", At);
        for (var i = 0; i < 1000; i++)
        {
            var sample = samples[i % samples.Count];
            var swapped = SwapNumbers(sample, random);
            Assert.Equal(Summary(WhatsAppWebhookParser.Parse(sample, At)), Summary(WhatsAppWebhookParser.Parse(swapped, At)));
        }
    }

    [Fact]
    public async Task Mutated_deliveries_never_fail_and_every_good_delivery_processed_beside_them_is_stored()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var random = new Random(Seed);
        var since = DateTimeOffset.UtcNow;
        var bodies = new List<string>();
        var good = new List<string>();
        for (var round = 0; round < 6; round++)
        {
            var samples = WhatsAppSamples.All(metaId, $"{round}-{admin.OrganizationId:N}", At, from: $"1555800{round:D4}");
            for (var i = 0; i < samples.Count; i++)
            {
                bodies.Add(Mutate(samples[i], random, rate: 0.02 + random.NextDouble() * 0.15));
                var wamid = $"wamid.good-{round}-{i}-{admin.OrganizationId:N}";
                good.Add(wamid);
                bodies.Add(Messages(metaId, Array(Contact("15557000001", "Steady Customer")), Array(Text(wamid, "15557000001", $"good {round}-{i}", At))));
            }
        }
        var client = factory.CreateClient();
        foreach (var chunk in bodies.Chunk(20))
            foreach (var response in await Task.WhenAll(chunk.Select(b => client.SendAsync(Signed(b))))) await response.ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync(TimeSpan.FromSeconds(60));

        await using var db = factory.SystemDb();
        var stored = await db.Messages.Where(m => m.OrganizationId == admin.OrganizationId && good.Contains(m.WaMessageId!)).CountAsync();
        Assert.Equal(good.Count, stored);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.ReceivedAt >= since).ToListAsync();
        Assert.True(deliveries.Count >= bodies.Count);
        // The mutations bite: some deliveries are no longer webhooks at all, some lose parts (named in the event log).
        Assert.Contains(deliveries, d => d.Status == WebhookDeliveryStatus.MALFORMED);
        Assert.Contains(deliveries, d => d.Status == WebhookDeliveryStatus.PROCESSED && d.Error != null);
        var failed = deliveries.Where(d => d.Status == WebhookDeliveryStatus.FAILED).ToList();
        Assert.True(failed.Count == 0, "Failed deliveries: " + string.Join("\n", failed.Select(d => d.Error + " ← " + d.Payload)));
    }

    [Fact]
    public async Task An_order_with_quantities_and_prices_written_as_strings_is_stored_with_its_items_and_total()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var wamid = $"wamid.order-{Guid.NewGuid():N}";
        var body = Messages(metaId, Array(Contact("15551110000", "Olga")), Array(WhatsAppSamples.Order(wamid, "15551110000", At)));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        var message = await InboundApi.MessageAsync(factory, admin, wamid);
        Assert.Equal("ORDER", message.GetProperty("type").GetString());
        Assert.Equal("Order of 3 item(s): Gift wrap please", message.GetProperty("text").GetString());
        var order = message.GetProperty("details").GetProperty("order");
        Assert.Equal(86.00m, order.GetProperty("total").GetDecimal());
        Assert.Equal("USD", order.GetProperty("currency").GetString());
        var items = order.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["di9ozbzfi4", "nqryix03ez"], items.Select(i => i.GetProperty("productRetailerId").GetString()));
        Assert.Equal([2m, 1m], items.Select(i => i.GetProperty("quantity").GetDecimal()));
        Assert.Equal([30.50m, 25m], items.Select(i => i.GetProperty("itemPrice").GetDecimal()));
    }

    [Fact]
    public async Task An_unknown_message_type_is_stored_as_unsupported_with_its_raw_json()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var wamid = $"wamid.hologram-{Guid.NewGuid():N}";
        var body = Messages(metaId, Array(Contact("15551110001", "Hal")), Array(WhatsAppSamples.UnknownType(wamid, "15551110001", At)));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        var message = await InboundApi.MessageAsync(factory, admin, wamid);
        Assert.Equal("UNSUPPORTED", message.GetProperty("type").GetString());
        await using var db = factory.SystemDb();
        Assert.Contains("hologram", (await db.Messages.SingleAsync(m => m.WaMessageId == wamid)).RawJson);
    }

    /// <summary>What the processor uses of a parse, without raw JSON.</summary>
    private static string Summary(ParsedWebhook parsed) => JsonSerializer.Serialize(new
    {
        parsed.Object, parsed.Error, parsed.Problems,
        Changes = parsed.Changes.Select(c => new
        {
            c.Field, c.WabaId, c.Quality,
            Messages = c.Messages?.Messages.Select(m => m with { RawJson = "" }),
            Statuses = c.Messages?.Statuses.Select(s => s with { RawJson = "" }),
            c.Messages?.Contacts, c.Messages?.Errors, c.Messages?.PhoneNumberId,
        }),
    });

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")]
    private static partial Regex JsonNumber();

    /// <summary>Writes numeric strings as numbers and numbers as strings, at random.</summary>
    private static string SwapNumbers(string json, Random random)
    {
        var root = JsonNode.Parse(json)!;
        Walk(root);
        return root.ToJsonString();

        void Walk(JsonNode node)
        {
            if (node is JsonObject obj)
            {
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue v && random.Next(2) == 0 && Swapped(v) is { } swapped) obj[name] = swapped;
                    else if (value is not null) Walk(value);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var item in array) if (item is not null) Walk(item);
            }
        }
    }

    private static JsonNode? Swapped(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => JsonValue.Create(value.ToJsonString()),
        JsonValueKind.String when value.GetValue<string>() is { } s && JsonNumber().IsMatch(s) && s.Length < 28 => JsonNode.Parse(s),
        _ => null,
    };

    /// <summary>Drops fields, changes their types and adds unknown ones, each with probability <paramref name="rate"/>.</summary>
    private static string Mutate(string json, Random random, double rate)
    {
        var root = JsonNode.Parse(json)!;
        Walk(root, 0);
        return root.ToJsonString();

        void Walk(JsonNode node, int depth)
        {
            if (node is JsonObject obj)
            {
                foreach (var (name, value) in obj.ToList())
                {
                    var roll = random.NextDouble();
                    if (roll < rate) obj.Remove(name);
                    else if (roll < 2 * rate) obj[name] = OtherType(value);
                    else if (value is not null) Walk(value, depth + 1);
                }
                if (random.NextDouble() < rate * 2) obj[$"unknown_{random.Next(1000)}"] = Any(depth);
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    var roll = random.NextDouble();
                    if (roll < rate) array[i] = OtherType(array[i]);
                    else if (array[i] is { } item) Walk(item, depth + 1);
                }
                if (random.NextDouble() < rate) array.Add(Any(depth));
            }
        }

        JsonNode? OtherType(JsonNode? value)
        {
            if (value is JsonValue v && random.Next(3) > 0 && Swapped(v) is { } swapped) return swapped;
            return Any(3);
        }

        JsonNode? Any(int depth) => random.Next(depth > 4 ? 6 : 8) switch
        {
            0 => JsonValue.Create(random.Next(-5, 2_000_000_000)),
            1 => JsonValue.Create("x" + random.Next(1000)),
            2 => JsonValue.Create(random.Next(2) == 0),
            3 => null,
            4 => JsonValue.Create(random.NextDouble() * 1e12),
            5 => JsonValue.Create(""),
            6 => new JsonObject { ["id"] = "u" + random.Next(100), ["type"] = "text", ["value"] = random.Next(10) },
            _ => new JsonArray(JsonValue.Create(1), new JsonObject { ["k"] = "v" }),
        };
    }
}
