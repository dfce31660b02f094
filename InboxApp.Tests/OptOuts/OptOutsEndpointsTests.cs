using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.OptOuts;

/// <summary><c>/opt-outs</c>: the suppression list over HTTP (roles, validation, tenancy, variants of one number, export, settings).</summary>
[Collection(SharedApp.Name)]
public sealed class OptOutsEndpointsTests(NoJobsAppFactory factory)
{
    private static string Phone() => "+4915" + Random.Shared.Next(10_000_000, 99_999_999);

    private static async Task<JsonElement> AddAsync(HttpClient client, string phone, string? note = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/opt-outs", new { phone, note });
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    private static async Task<List<string>> PhonesAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/opt-outs" + query);
        await response.ShouldBe(HttpStatusCode.OK);
        return (await response.Data()).EnumerateArray().Select(o => o.GetProperty("phone").GetString()!).ToList();
    }

    [Fact]
    public async Task A_supervisor_adds_finds_exports_and_removes_a_number()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var phone = Phone();
        var other = Phone();

        var added = await AddAsync(supervisor.Client, phone[..3] + " " + phone[3..6] + " " + phone[6..], "Asked on the phone");
        Assert.Equal(phone, added.GetProperty("phone").GetString());
        Assert.Equal("MANUAL", added.GetProperty("source").GetString());
        Assert.Equal("DE", added.GetProperty("country").GetString());
        Assert.Equal(supervisor.UserId, added.GetProperty("addedById").GetGuid());
        await AddAsync(admin.Client, other);
        await (await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");

        Assert.Equal([other, phone], await PhonesAsync(supervisor.Client));
        Assert.Equal([phone], await PhonesAsync(supervisor.Client, "?search=" + phone[^6..]));
        Assert.Equal([phone], await PhonesAsync(supervisor.Client, "?search=phone"));
        var paged = await (await admin.Client.GetAsync("/api/v1/opt-outs?limit=1&page=2")).Json();
        Assert.Equal(2, paged.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(phone, paged.GetProperty("data")[0].GetProperty("phone").GetString());

        var export = await supervisor.Client.GetAsync("/api/v1/opt-outs/export");
        await export.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.StartsWith("phone,country,source,keyword,note,addedAt\n", csv);
        Assert.Contains($"{phone},DE,MANUAL,,Asked on the phone,", csv);

        var id = added.GetProperty("id").GetGuid();
        await (await supervisor.Client.DeleteAsync($"/api/v1/opt-outs/{id}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal([other], await PhonesAsync(admin.Client));
        await (await supervisor.Client.DeleteAsync($"/api/v1/opt-outs/{id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        // Back on the list: the same entry again.
        Assert.Equal(id, (await AddAsync(admin.Client, phone)).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Variants_of_one_number_are_one_entry()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var local = Random.Shared.Next(1000_0000, 9999_9999).ToString();
        // Brazil's mobile with and without the ninth digit.
        await AddAsync(admin.Client, "+55 11 9" + local);
        await (await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone = "+5511" + local })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
    }

    [Fact]
    public async Task Import_adds_new_numbers_counts_known_ones_and_lists_what_is_not_a_number()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (a, b) = (Phone(), Phone());
        await AddAsync(admin.Client, a);

        var response = await admin.Client.PostAsJsonAsync("/api/v1/opt-outs/import", new { phones = new[] { a, b, b, "12", "not a phone" } });
        await response.ShouldBe(HttpStatusCode.OK);
        var result = await response.Data();
        Assert.Equal(1, result.GetProperty("added").GetInt32());
        Assert.Equal(1, result.GetProperty("alreadyOptedOut").GetInt32());
        Assert.Equal(["12", "not a phone"], result.GetProperty("invalid").EnumerateArray().Select(x => x.GetString()!));
        var list = await (await admin.Client.GetAsync("/api/v1/opt-outs")).Data();
        Assert.Equal("IMPORT", list.EnumerateArray().Single(o => o.GetProperty("phone").GetString() == b).GetProperty("source").GetString());
    }

    [Fact]
    public async Task Invalid_requests_are_refused_with_the_field_at_fault()
    {
        var admin = await factory.RegisterOrganizationAsync();
        async Task Field(HttpResponseMessage response, string field)
        {
            var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"expected an error for {field}: {error}");
        }

        await Field(await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone = "12" }), "phone");
        await Field(await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { note = "no phone" }), "phone");
        await Field(await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone = Phone(), note = new string('x', 501) }), "note");
        await Field(await admin.Client.PostAsJsonAsync("/api/v1/opt-outs/import", new { phones = Array.Empty<string>() }), "phones");
        await Field(await admin.Client.GetAsync("/api/v1/opt-outs?limit=0"), "limit");
        await Field(await admin.Client.PutAsJsonAsync("/api/v1/opt-outs/settings", new { keywordsEnabled = true, stopKeywords = new[] { "STOP" }, startKeywords = new[] { "stop!" } }), "startKeywords");
        await Field(await admin.Client.PutAsJsonAsync("/api/v1/opt-outs/settings", new { keywordsEnabled = true, stopKeywords = Array.Empty<string>() }), "stopKeywords");
        await Field(await admin.Client.PutAsJsonAsync("/api/v1/opt-outs/settings", new { keywordsEnabled = true, stopKeywords = new[] { "STOP", new string('X', 41) } }), "stopKeywords[1]");
        await Field(await admin.Client.PutAsJsonAsync("/api/v1/opt-outs/settings", new { keywordsEnabled = true, stopKeywords = new[] { "STOP" }, optOutReply = new string('x', 1001) }), "optOutReply");
    }

    [Fact]
    public async Task Agents_read_the_list_and_the_keywords_but_change_nothing()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var phone = Phone();
        var id = (await AddAsync(admin.Client, phone)).GetProperty("id").GetGuid();

        Assert.Equal([phone], await PhonesAsync(agent.Client));
        await (await agent.Client.GetAsync("/api/v1/opt-outs/settings")).ShouldBe(HttpStatusCode.OK);
        await (await agent.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone = Phone() })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PostAsJsonAsync("/api/v1/opt-outs/import", new { phones = new[] { Phone() } })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.DeleteAsync($"/api/v1/opt-outs/{id}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.GetAsync("/api/v1/opt-outs/export")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PutAsJsonAsync("/api/v1/opt-outs/settings", new { keywordsEnabled = false, stopKeywords = new[] { "STOP" } }))
            .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await factory.CreateClient().GetAsync("/api/v1/opt-outs")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_organizations_entries_are_not_found()
    {
        var a = await factory.RegisterOrganizationAsync();
        var b = await factory.RegisterOrganizationAsync();
        var phone = Phone();
        var theirs = (await AddAsync(b.Client, phone)).GetProperty("id").GetGuid();

        await (await a.Client.DeleteAsync($"/api/v1/opt-outs/{theirs}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty(await PhonesAsync(a.Client));
        Assert.DoesNotContain(phone, await (await a.Client.GetAsync("/api/v1/opt-outs/export")).Content.ReadAsStringAsync());
        // The same number is an entry of each organization's own.
        await AddAsync(a.Client, phone);
        Assert.Equal([phone], await PhonesAsync(b.Client));
    }

    [Fact]
    public async Task Keyword_settings_start_with_the_defaults_and_keep_what_a_supervisor_saves()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var defaults = await (await supervisor.Client.GetAsync("/api/v1/opt-outs/settings")).Data();
        Assert.True(defaults.GetProperty("isDefault").GetBoolean());
        var stops = defaults.GetProperty("stopKeywords").EnumerateArray().Select(k => k.GetString()).ToList();
        Assert.Contains("STOP", stops);
        Assert.Contains("BAJA", stops);
        Assert.Contains("ARRÊT", stops);

        var saved = await supervisor.Client.PutAsJsonAsync("/api/v1/opt-outs/settings", new
        {
            keywordsEnabled = true, stopKeywords = new[] { "stop", "Désinscrire", "STOP " }, startKeywords = new[] { "start" }, optOutReply = "Bye", optInReply = "",
        });
        await saved.ShouldBe(HttpStatusCode.OK);
        var read = await (await supervisor.Client.GetAsync("/api/v1/opt-outs/settings")).Data();
        Assert.False(read.GetProperty("isDefault").GetBoolean());
        Assert.Equal(["STOP", "DÉSINSCRIRE"], read.GetProperty("stopKeywords").EnumerateArray().Select(k => k.GetString()!));
        Assert.Equal("Bye", read.GetProperty("optOutReply").GetString());
        Assert.Equal("", read.GetProperty("optInReply").GetString());
    }
}
