using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Realtime;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Contacts;

[Collection(SharedApp.Second)]
public sealed class ContactsTests(NoJobsAppFactory factory)
{
    /// <summary>A customer writes to the number (a signed webhook, processed); returns the conversation.</summary>
    private async Task<Guid> CustomerWritesAsync(string metaId, string waId, string profileName, string? username = null, string text = "Hello",
        DateTimeOffset? at = null)
    {
        var wamid = "wamid.IN" + Guid.NewGuid().ToString("N");
        var body = Messages(metaId, Array(Contact(waId, profileName, username: username)), Array(Text(wamid, waId, text, at ?? DateTimeOffset.UtcNow.AddSeconds(-5))));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        await using var db = factory.SystemDb();
        return (await db.Messages.SingleAsync(m => m.WaMessageId == wamid)).ConversationId;
    }

    private async Task<(SignedIn Admin, string MetaId)> OrganizationAsync()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        return (admin, metaId);
    }

    private static string NewWaId() => "1415" + Random.Shared.Next(1_000_000, 9_999_999);

    private static async Task<(List<string> WaIds, string? Next)> PageAsync(SignedIn who, string query)
    {
        var response = await who.Client.GetAsync("/api/v1/contacts" + query);
        await response.ShouldBe(HttpStatusCode.OK);
        var json = await response.Json();
        var pagination = json.GetProperty("meta").GetProperty("pagination");
        var next = pagination.TryGetProperty("nextCursor", out var n) ? n.GetString() : null;
        Assert.Equal(next is not null, pagination.GetProperty("hasMore").GetBoolean());
        return (json.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("waId").GetString()!).ToList(), next);
    }

    [Fact]
    public async Task Contacts_are_listed_most_recently_updated_first_searched_and_paged_by_cursor()
    {
        var (admin, metaId) = await OrganizationAsync();
        var (ana, bruno, carla) = (NewWaId(), NewWaId(), "5511987650000");
        await CustomerWritesAsync(metaId, ana, "Ana Lima");
        await CustomerWritesAsync(metaId, bruno, "Bruno", username: "bruno_dev");
        await CustomerWritesAsync(metaId, carla, "Carla Dias");
        var agent = await factory.AddMemberAsync(admin, "AGENT");

        Assert.Equal([carla, bruno, ana], (await PageAsync(agent, "")).WaIds);
        Assert.Equal([ana], (await PageAsync(agent, "?search=LIMA")).WaIds);
        Assert.Equal([bruno], (await PageAsync(agent, "?search=bruno_d")).WaIds);
        Assert.Equal([carla], (await PageAsync(agent, "?search=" + Uri.EscapeDataString("+55 11 98765"))).WaIds);
        Assert.Empty((await PageAsync(agent, "?search=zz-nobody")).WaIds);

        var walked = new List<string>();
        var (page, cursor) = await PageAsync(agent, "?limit=1");
        walked.AddRange(page);
        // A contact updated while paging moves to the top (above the cursor): the walk goes on with the others, without repeats or gaps.
        await using (var db = factory.Services.GetRequiredService<InboxDb>().For(admin.OrganizationId))
            await db.Contacts.Where(c => c.WaId == ana).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, DateTimeOffset.UtcNow.AddMinutes(1)));
        while (cursor is not null)
        {
            (page, cursor) = await PageAsync(agent, "?limit=1&cursor=" + cursor);
            walked.AddRange(page);
        }
        Assert.Equal([carla, bruno], walked);
        Assert.Equal([ana, carla, bruno], (await PageAsync(agent, "")).WaIds);

        var card = (await (await agent.Client.GetAsync("/api/v1/contacts?search=carla")).Data())[0];
        Assert.Equal("Carla Dias", card.GetProperty("displayName").GetString());
        Assert.Equal(1, card.GetProperty("conversationsCount").GetInt32());
        Assert.Equal(JsonValueKind.Object, card.GetProperty("attributes").ValueKind);

        await (await agent.Client.GetAsync("/api/v1/contacts?limit=0")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await agent.Client.GetAsync("/api/v1/contacts?limit=500")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await agent.Client.GetAsync("/api/v1/contacts?cursor=%%%")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await agent.Client.GetAsync("/api/v1/contacts?search=" + new string('x', 101))).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await factory.CreateClient().GetAsync("/api/v1/contacts")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Contacts_are_searched_without_regard_to_accents_in_both_directions()
    {
        var (admin, metaId) = await OrganizationAsync();
        var (chloe, jose, other) = (NewWaId(), NewWaId(), NewWaId());
        await CustomerWritesAsync(metaId, chloe, "Chloé Dubois");
        await CustomerWritesAsync(metaId, jose, "Jose Muller");
        var (theirAdmin, theirMetaId) = await OrganizationAsync();
        await CustomerWritesAsync(theirMetaId, other, "Chloe Martin");

        Assert.Equal([chloe], (await PageAsync(admin, "?search=chloe")).WaIds);
        Assert.Equal([jose], (await PageAsync(admin, "?search=" + Uri.EscapeDataString("JOSÉ MÜLLER"))).WaIds);
        Assert.Equal([other], (await PageAsync(theirAdmin, "?search=" + Uri.EscapeDataString("Chloé"))).WaIds);
    }

    [Fact]
    public async Task A_contact_is_found_by_its_wa_id_and_by_the_other_variant_of_a_brazilian_mobile_number()
    {
        var (admin, metaId) = await OrganizationAsync();
        var conversationId = await CustomerWritesAsync(metaId, "5521987654321", "Rafa");

        foreach (var waId in new[] { "5521987654321", "552187654321", "+5521987654321" })
        {
            var response = await admin.Client.GetAsync("/api/v1/contacts/" + Uri.EscapeDataString(waId));
            await response.ShouldBe(HttpStatusCode.OK);
            var data = await response.Data();
            Assert.Equal("5521987654321", data.GetProperty("waId").GetString());
            Assert.Equal("Rafa", data.GetProperty("profileName").GetString());
            Assert.Equal(1, data.GetProperty("conversationsCount").GetInt32());
            Assert.Equal(conversationId, data.GetProperty("lastConversationId").GetGuid());
        }
        await (await admin.Client.GetAsync("/api/v1/contacts/5521900000000")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.GetAsync("/api/v1/contacts/" + new string('9', 200))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task When_several_numbers_of_the_organization_know_the_person_the_most_recently_updated_contact_answers()
    {
        var (admin, firstMeta) = await OrganizationAsync();
        var (_, secondNumber, secondMeta) = await factory.SeedNumberAsync(admin.OrganizationId);
        var waId = NewWaId();
        await CustomerWritesAsync(firstMeta, waId, "First name");
        await CustomerWritesAsync(secondMeta, waId, "Second name");

        var data = await (await admin.Client.GetAsync("/api/v1/contacts/" + waId)).Data();
        Assert.Equal(secondNumber, data.GetProperty("phoneNumberId").GetGuid());
        await using (var db = factory.Services.GetRequiredService<InboxDb>().For(admin.OrganizationId))
            await db.Contacts.Where(c => c.WaId == waId && c.PhoneNumberId != secondNumber)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, DateTimeOffset.UtcNow.AddMinutes(5)));
        data = await (await admin.Client.GetAsync("/api/v1/contacts/" + waId)).Data();
        Assert.NotEqual(secondNumber, data.GetProperty("phoneNumberId").GetGuid());
        Assert.Equal("First name", data.GetProperty("profileName").GetString());
    }

    [Fact]
    public async Task An_agent_edits_a_contact_and_each_of_its_conversations_hears_of_it_after_the_save()
    {
        var (admin, metaId) = await OrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var waId = NewWaId();
        var first = await CustomerWritesAsync(metaId, waId, "Old profile", at: DateTimeOffset.UtcNow.AddMinutes(-10));
        await using (var db = factory.Services.GetRequiredService<InboxDb>().For(admin.OrganizationId))
            await db.Conversations.Where(c => c.Id == first).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, ConversationStatus.CLOSED).SetProperty(c => c.ResolvedAt, DateTimeOffset.UtcNow.AddDays(-30)));
        var second = await CustomerWritesAsync(metaId, waId, "Old profile", text: "Back again");
        Assert.NotEqual(first, second);

        var heard = new ConcurrentBag<(Guid ConversationId, string? StoredName)>();
        using var subscription = factory.Services.GetRequiredService<IInboxEventBus>().Subscribe(admin.OrganizationId, async e =>
        {
            if (e is not ContactUpdated updated) return;
            await using var db = factory.SystemDb();
            heard.Add((updated.ConversationId, await db.Contacts.Where(c => c.Id == updated.ContactId).Select(c => c.Name).SingleAsync()));
        });

        var response = await agent.Client.PatchAsJsonAsync("/api/v1/contacts/" + waId,
            new { name = "  Joana Prado ", category = "vip", attributes = new Dictionary<string, object?> { ["plan"] = "gold", ["seats"] = 12, ["trial"] = false } });
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        Assert.Equal("Joana Prado", data.GetProperty("name").GetString());
        Assert.Equal("Joana Prado", data.GetProperty("displayName").GetString());
        Assert.Equal("vip", data.GetProperty("category").GetString());
        Assert.Equal(2, data.GetProperty("conversationsCount").GetInt32());
        Assert.Equal(second, data.GetProperty("lastConversationId").GetGuid());
        Assert.Equal(12, data.GetProperty("attributes").GetProperty("seats").GetInt32());
        await MessagingEventually(() => heard.Count == 2);
        Assert.Equal(new[] { first, second }.Order(), heard.Select(h => h.ConversationId).Order());
        Assert.All(heard, h => Assert.Equal("Joana Prado", h.StoredName));

        // Attributes merge; null removes one; an empty category clears it.
        response = await agent.Client.PatchAsJsonAsync("/api/v1/contacts/" + waId, new { category = "", attributes = new Dictionary<string, object?> { ["plan"] = null, ["city"] = "Recife" } });
        data = await response.Data();
        Assert.False(data.TryGetProperty("category", out _));
        var attributes = data.GetProperty("attributes");
        Assert.False(attributes.TryGetProperty("plan", out _));
        Assert.Equal("Recife", attributes.GetProperty("city").GetString());
        Assert.Equal(12, attributes.GetProperty("seats").GetInt32());

        // The conversation list shows and finds the new name.
        var listed = await (await agent.Client.GetAsync("/api/v1/conversations?search=joana")).Data();
        Assert.Equal(second, listed[0].GetProperty("id").GetGuid());
        Assert.Equal("Joana Prado", listed[0].GetProperty("contact").GetProperty("displayName").GetString());
    }

    private static async Task MessagingEventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting for the contact events");
            await Task.Delay(20);
        }
    }

    [Theory]
    [InlineData("""{"attributes":[1,2]}""", "attributes")]
    [InlineData("""{"attributes":"text"}""", "attributes")]
    [InlineData("""{"attributes":{"nested":{"a":1}}}""", "attributes")]
    [InlineData("""{"attributes":{"list":[1]}}""", "attributes")]
    [InlineData("""{"attributes":{"bad key":"x"}}""", "attributes")]
    [InlineData("""{"attributes":{"1st":"x"}}""", "attributes")]
    [InlineData("""{"name":"this name is far too long for a contact name field, it goes on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on"}""", "name")]
    public async Task Bad_contact_edits_are_rejected_naming_the_field_and_change_nothing(string body, string field)
    {
        var (admin, metaId) = await OrganizationAsync();
        var waId = NewWaId();
        await CustomerWritesAsync(metaId, waId, "Kept");
        var events = 0;
        using var subscription = factory.Services.GetRequiredService<IInboxEventBus>().Subscribe(admin.OrganizationId, e =>
        {
            if (e is ContactUpdated) Interlocked.Increment(ref events);
            return Task.CompletedTask;
        });

        var error = await (await admin.Client.PatchRawJsonAsync("/api/v1/contacts/" + waId, body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
        var data = await (await admin.Client.GetAsync("/api/v1/contacts/" + waId)).Data();
        Assert.False(data.TryGetProperty("name", out _));
        Assert.Empty(data.GetProperty("attributes").EnumerateObject());
        Assert.Equal(0, events);
    }

    [Fact]
    public async Task Attribute_limits_are_enforced()
    {
        var (admin, metaId) = await OrganizationAsync();
        var waId = NewWaId();
        await CustomerWritesAsync(metaId, waId, "Limits");
        var many = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => (object?)i);
        await (await admin.Client.PatchAsJsonAsync("/api/v1/contacts/" + waId, new { attributes = many })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var longValue = new Dictionary<string, object?> { ["note"] = new string('n', 1001) };
        await (await admin.Client.PatchAsJsonAsync("/api/v1/contacts/" + waId, new { attributes = longValue })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var fifty = Enumerable.Range(0, 50).ToDictionary(i => $"k{i}", i => (object?)i);
        await (await admin.Client.PatchAsJsonAsync("/api/v1/contacts/" + waId, new { attributes = fifty })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PatchAsJsonAsync("/api/v1/contacts/" + waId, new { attributes = new Dictionary<string, object?> { ["one_more"] = 1 } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Another_organizations_contact_is_not_found_listed_or_searched()
    {
        var (a, _) = await OrganizationAsync();
        var (b, bMeta) = await OrganizationAsync();
        var waId = NewWaId();
        await CustomerWritesAsync(bMeta, waId, "Only in B");

        await (await a.Client.GetAsync("/api/v1/contacts/" + waId)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await a.Client.PatchAsJsonAsync("/api/v1/contacts/" + waId, new { name = "Taken over" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty((await PageAsync(a, "")).WaIds);
        Assert.Empty((await PageAsync(a, "?search=only%20in")).WaIds);
        Assert.Empty((await PageAsync(a, "?search=" + waId[^6..])).WaIds);
        var data = await (await b.Client.GetAsync("/api/v1/contacts/" + waId)).Data();
        Assert.False(data.TryGetProperty("name", out _));
        Assert.Equal([waId], (await PageAsync(b, "?search=only%20in")).WaIds);
    }
}
