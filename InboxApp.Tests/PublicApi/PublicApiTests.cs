using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.ApiReference;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;
using InboxApp.Tests.Templates;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.PublicApi;

/// <summary>The public <c>/v1</c> API on sandbox numbers: credentials, roles, tenancy, validation, reading and sending.</summary>
[Collection(SharedApp.Second)]
public sealed class PublicApiTests(NoJobsAppFactory factory)
{
    private async Task<(SignedIn Admin, HttpClient Key, Guid PhoneId)> PartnerAsync()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var key = await factory.ApiKeyClientAsync(admin);
        var (phoneId, _) = await admin.SandboxNumberAsync();
        return (admin, key, phoneId);
    }

    /// <summary>A sandbox customer writes (by phone number, or by BSUID only); returns the conversation.</summary>
    private static async Task<Guid> CustomerWritesAsync(SignedIn admin, Guid phoneId, string name, string? phone = null, string? userId = null, string text = "Hello!")
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation", new
        {
            phoneNumberId = phoneId, contact = new { name, phone, userId }, messages = new[] { text },
        });
        await response.ShouldBe(HttpStatusCode.Created);
        return (await response.Data()).GetProperty("conversationId").GetGuid();
    }

    private static string NewPhone() => "1415555" + Random.Shared.Next(1000, 9999);

    [Fact]
    public async Task Without_an_api_key_every_endpoint_answers_401_even_with_a_signed_in_cookie()
    {
        var (admin, _, phoneId) = await PartnerAsync();
        var conversationId = await CustomerWritesAsync(admin, phoneId, "Ana", NewPhone());
        var cookie = await factory.SignInWithCookieAsync(admin.Email, admin.Password);
        var anonymous = factory.CreateClient();
        var wrongKey = factory.CreateClient().WithBearer("sk_org_" + new string('x', 40));
        string[] reads = ["/v1/phones", $"/v1/phones/{phoneId}", $"/v1/phones/{phoneId}/health", $"/v1/phones/{phoneId}/conversations",
            $"/v1/conversations/{conversationId}", $"/v1/conversations/{conversationId}/messages"];
        foreach (var client in new[] { anonymous, wrongKey, cookie })
        {
            foreach (var path in reads) await (await client.GetAsync(path)).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            await (await client.SendAsync(phoneId, new { type = "text", to = NewPhone(), text = "hi" })).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
        await using var db = factory.SystemDb();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.OrganizationId == admin.OrganizationId));
    }

    [Fact]
    public async Task An_agents_access_token_is_refused_because_the_public_api_acts_for_the_whole_organization()
    {
        var (admin, _, phoneId) = await PartnerAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        await (await agent.Client.GetAsync("/v1/phones")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.SendAsync(phoneId, new { type = "text", to = NewPhone(), text = "hi" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        // The organization's admin may use the public API with an access token too.
        await (await admin.Client.GetAsync("/v1/phones")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Phones_are_listed_page_by_page_and_read_one_by_one()
    {
        var (admin, key, first) = await PartnerAsync();
        var (second, _) = await admin.SandboxNumberAsync();

        var page = await (await key.GetAsync("/v1/phones?page=2&limit=1")).Json();
        var pagination = page.GetProperty("meta").GetProperty("pagination");
        Assert.Equal(2, pagination.GetProperty("total").GetInt32());
        Assert.Equal(2, pagination.GetProperty("page").GetInt32());
        Assert.False(pagination.GetProperty("hasMore").GetBoolean());
        Assert.Equal(second, Assert.Single(page.GetProperty("data").EnumerateArray()).GetProperty("id").GetGuid());

        var phone = await (await key.GetAsync($"/v1/phones/{first}")).Data();
        Assert.Equal(first, phone.GetProperty("id").GetGuid());
        Assert.True(phone.GetProperty("isSandbox").GetBoolean());
        Assert.True(phone.GetProperty("isRegistered").GetBoolean());
        Assert.True(phone.GetProperty("capabilities").GetProperty("canSendMessages").GetBoolean());
        Assert.Equal("CONNECTED", phone.GetProperty("accountStatus").GetString());
    }

    [Fact]
    public async Task Another_organizations_phone_and_conversation_ids_are_not_found()
    {
        var (_, key, _) = await PartnerAsync();
        var (otherAdmin, _, otherPhone) = await PartnerAsync();
        var otherConversation = await CustomerWritesAsync(otherAdmin, otherPhone, "Bo", NewPhone());
        string[] reads = [$"/v1/phones/{otherPhone}", $"/v1/phones/{otherPhone}/health", $"/v1/phones/{otherPhone}/conversations",
            $"/v1/conversations/{otherConversation}", $"/v1/conversations/{otherConversation}/messages"];
        foreach (var path in reads) await (await key.GetAsync(path)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await key.SendAsync(otherPhone, new { type = "text", to = NewPhone(), text = "hi" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await key.GetAsync("/v1/phones")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(otherPhone, (await (await key.GetAsync("/v1/phones")).Data()).EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        // An unknown path under /v1 answers the error envelope too.
        await (await key.GetAsync("/v1/no-such-thing")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Invalid_requests_answer_400_naming_the_fields()
    {
        var (admin, key, phoneId) = await PartnerAsync();
        var conversationId = await CustomerWritesAsync(admin, phoneId, "Ana", NewPhone());
        Assert.Equal(["to", "type"], (await (await key.SendAsync(phoneId, new { })).FieldErrorsAsync()).Order());
        Assert.Equal(["type"], await (await key.SendAsync(phoneId, new { type = "hologram", to = NewPhone() })).FieldErrorsAsync());
        Assert.Equal(["text"], await (await key.SendAsync(phoneId, new { type = "text", to = NewPhone() })).FieldErrorsAsync());
        Assert.Equal(["text"], await (await key.SendAsync(phoneId, new { type = "text", to = NewPhone(), text = new string('a', 4097) })).FieldErrorsAsync());
        Assert.Equal(["image"], await (await key.SendAsync(phoneId, new { type = "text", to = NewPhone(), text = "hi", image = new { data = "AAAA" } })).FieldErrorsAsync());
        Assert.Equal(["image.data"], await (await key.SendAsync(phoneId, new { type = "image", to = NewPhone(), image = new { data = "not base64!" } })).FieldErrorsAsync());
        Assert.Equal(["template.name"], await (await key.SendAsync(phoneId, new { type = "template", to = NewPhone(), template = new { language = "en_US" } })).FieldErrorsAsync());
        Assert.Equal(["reaction.messageId"], await (await key.SendAsync(phoneId, new { type = "reaction", to = NewPhone(), reaction = new { emoji = "👍" } })).FieldErrorsAsync());
        Assert.Equal(["to"], await (await key.SendAsync(phoneId, new { type = "text", to = "12", text = "hi" })).FieldErrorsAsync());
        Assert.Equal(["to"], await (await key.SendAsync(phoneId, new { type = "text", to = "not a <recipient>", text = "hi" })).FieldErrorsAsync());
        await (await key.PostRawJsonAsync($"/v1/phones/{phoneId}/messages", "{\"type\": ")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["status"], await (await key.GetAsync($"/v1/phones/{phoneId}/conversations?status=SLEEPING")).FieldErrorsAsync());
        Assert.Equal(["limit"], await (await key.GetAsync($"/v1/phones/{phoneId}/conversations?limit=0")).FieldErrorsAsync());
        Assert.Equal(["page"], await (await key.GetAsync("/v1/phones?page=0")).FieldErrorsAsync());
        Assert.Equal(["cursor"], await (await key.GetAsync($"/v1/conversations/{conversationId}/messages?cursor=garbage")).FieldErrorsAsync());
        Assert.Equal(["limit"], await (await key.GetAsync($"/v1/conversations/{conversationId}/messages?limit=201")).FieldErrorsAsync());
        await using var db = factory.SystemDb();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.OrganizationId == admin.OrganizationId));
    }

    [Fact]
    public async Task A_free_form_message_to_someone_who_never_wrote_is_refused_and_creates_nothing()
    {
        var (admin, key, phoneId) = await PartnerAsync();
        await (await key.SendAsync(phoneId, new { type = "text", to = "+" + NewPhone(), text = "Hi there" })).ShouldFail(HttpStatusCode.Conflict, "WINDOW_CLOSED");
        await (await key.SendAsync(phoneId, new { type = "text", to = "US.13491208655302741918", text = "Hi there" })).ShouldFail(HttpStatusCode.Conflict, "WINDOW_CLOSED");
        await using var db = factory.SystemDb();
        Assert.False(await db.Contacts.AnyAsync(c => c.OrganizationId == admin.OrganizationId));
        Assert.False(await db.Conversations.AnyAsync(c => c.OrganizationId == admin.OrganizationId));
    }

    [Fact]
    public async Task A_text_to_a_phone_number_goes_to_its_conversation_and_the_messages_read_newest_first_by_cursor()
    {
        var (admin, key, phoneId) = await PartnerAsync();
        var phone = NewPhone();
        var conversationId = await CustomerWritesAsync(admin, phoneId, "Ana", phone, text: "Where is my order?");

        var sent = await key.SentAsync(phoneId, new { type = "text", to = $"+{phone[..1]} {phone[1..4]} {phone[4..]}", text = "On its way!" });
        Assert.Equal(conversationId, sent.GetProperty("conversationId").GetGuid());
        Assert.Equal(phoneId, sent.GetProperty("phoneId").GetGuid());
        Assert.Equal("OUTBOUND", sent.GetProperty("direction").GetString());
        Assert.Equal("TEXT", sent.GetProperty("type").GetString());
        Assert.Equal(phone, sent.Str("contactPhone"));
        Assert.Equal(phone, sent.Str("contactIdentifier"));
        Assert.Equal(phone, sent.Str("contactReplyTo"));

        var first = await (await key.GetAsync($"/v1/conversations/{conversationId}/messages?limit=1")).Json();
        Assert.Equal("On its way!", Assert.Single(first.GetProperty("data").EnumerateArray()).Str("text"));
        var cursor = first.GetProperty("meta").GetProperty("pagination").Str("nextCursor");
        Assert.NotNull(cursor);
        var second = await (await key.GetAsync($"/v1/conversations/{conversationId}/messages?limit=1&cursor={Uri.EscapeDataString(cursor)}")).Json();
        var inbound = Assert.Single(second.GetProperty("data").EnumerateArray());
        Assert.Equal("Where is my order?", inbound.Str("text"));
        Assert.Equal("INBOUND", inbound.Str("direction"));
        Assert.False(second.GetProperty("meta").GetProperty("pagination").GetProperty("hasMore").GetBoolean());

        var conversation = await (await key.GetAsync($"/v1/conversations/{conversationId}")).Data();
        Assert.Equal(phone, conversation.Str("contactPhone"));
        Assert.Equal("Ana", conversation.Str("contactName"));
        Assert.True(conversation.GetProperty("windowOpen").GetBoolean());
    }

    [Fact]
    public async Task A_contact_known_only_by_its_bsuid_is_answered_by_its_identifier_and_has_no_phone()
    {
        var (admin, key, phoneId) = await PartnerAsync();
        var bsuid = $"US.{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";
        var conversationId = await CustomerWritesAsync(admin, phoneId, "Pat", userId: bsuid);

        var sent = await key.SentAsync(phoneId, new { type = "text", to = bsuid, text = "Hi Pat" });
        Assert.Equal(conversationId, sent.GetProperty("conversationId").GetGuid());
        Assert.Equal(bsuid, sent.Str("contactIdentifier"));
        Assert.Equal(bsuid, sent.Str("contactReplyTo"));
        Assert.Null(sent.Str("contactPhone"));

        var listed = Assert.Single((await (await key.GetAsync($"/v1/phones/{phoneId}/conversations")).Data()).EnumerateArray());
        Assert.Equal(bsuid, listed.Str("contactIdentifier"));
        Assert.Null(listed.Str("contactPhone"));
        var messages = (await (await key.GetAsync($"/v1/conversations/{conversationId}/messages")).Data()).EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Null(m.Str("contactPhone")));
    }

    [Fact]
    public async Task Conversations_of_a_phone_are_filtered_by_status_and_search()
    {
        var (admin, key, phoneId) = await PartnerAsync();
        var (otherPhone, _) = await admin.SandboxNumberAsync();
        var ana = await CustomerWritesAsync(admin, phoneId, "Ana Souza", NewPhone());
        var bo = await CustomerWritesAsync(admin, phoneId, "Bo Lindqvist", NewPhone());
        await CustomerWritesAsync(admin, otherPhone, "Ana Other", NewPhone());

        var all = await (await key.GetAsync($"/v1/phones/{phoneId}/conversations")).Json();
        var listed = all.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(new[] { ana, bo }.Order(), listed.Select(c => c.GetProperty("id").GetGuid()).Order());
        // Most recent activity first (webhook timestamps have whole seconds, so both may share one).
        Assert.True(listed[0].GetProperty("lastMessageAt").GetDateTimeOffset() >= listed[1].GetProperty("lastMessageAt").GetDateTimeOffset());
        Assert.Equal(2, all.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.All(all.GetProperty("data").EnumerateArray(), c => Assert.Equal(phoneId, c.GetProperty("phoneId").GetGuid()));

        var found = (await (await key.GetAsync($"/v1/phones/{phoneId}/conversations?search=souza")).Data()).EnumerateArray().ToList();
        Assert.Equal(ana, Assert.Single(found).GetProperty("id").GetGuid());
        var status = found[0].Str("status")!;
        Assert.Equal(2, (await (await key.GetAsync($"/v1/phones/{phoneId}/conversations?status={status}")).Data()).GetArrayLength());
        Assert.Equal(0, (await (await key.GetAsync($"/v1/phones/{phoneId}/conversations?status=CLOSED")).Data()).GetArrayLength());
    }

    [Fact]
    public async Task The_documented_send_example_is_accepted_and_every_answer_matches_its_documented_schema_and_examples()
    {
        var document = await (await factory.CreateClient().GetAsync("/openapi/v1.json")).Json();
        var (admin, key, phoneId) = await PartnerAsync();
        await CustomerWritesAsync(admin, phoneId, "Ana", "5491155551234");
        var path = "/v1/phones/{phoneId}/messages";
        var example = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("examples").GetProperty("A text").GetProperty("value");
        var sent = await key.PostRawJsonAsync($"/v1/phones/{phoneId}/messages", example.GetRawText());
        await AnsweredAsDocumentedAsync(document, "post", path, sent);
        var conversationId = (await sent.Data()).GetProperty("conversationId").GetGuid();

        await AnsweredAsDocumentedAsync(document, "get", "/v1/phones", await key.GetAsync("/v1/phones"));
        await AnsweredAsDocumentedAsync(document, "get", "/v1/phones/{phoneId}", await key.GetAsync($"/v1/phones/{phoneId}"));
        await AnsweredAsDocumentedAsync(document, "get", "/v1/phones/{phoneId}/conversations", await key.GetAsync($"/v1/phones/{phoneId}/conversations"));
        await AnsweredAsDocumentedAsync(document, "get", "/v1/conversations/{id}", await key.GetAsync($"/v1/conversations/{conversationId}"));
        await AnsweredAsDocumentedAsync(document, "get", "/v1/conversations/{id}/messages", await key.GetAsync($"/v1/conversations/{conversationId}/messages"));
    }

    /// <summary>A success whose body is an instance of the documented schema, with no data field the documented examples do not show.</summary>
    private static async Task AnsweredAsDocumentedAsync(JsonElement document, string method, string path, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method.ToUpperInvariant()} {path} answered {(int)response.StatusCode}: {body}");
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var media = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/json");
        using var real = JsonDocument.Parse(body);
        var errors = new OpenApiSchemaValidator(document).Validate(media.GetProperty("schema"), real.RootElement);
        Assert.True(errors.Count == 0, $"{path}: the answer does not match the documented schema:\n{string.Join("\n", errors)}\n{body}");
        var examples = media.TryGetProperty("example", out var single) ? [single]
            : media.GetProperty("examples").EnumerateObject().Select(e => e.Value.GetProperty("value")).ToList();
        var data = real.RootElement.GetProperty("data");
        if (data.ValueKind == JsonValueKind.Array) data = data[0];
        var shown = examples.Select(e => e.GetProperty("data")).Select(d => d.ValueKind == JsonValueKind.Array ? d[0] : d)
            .SelectMany(d => d.EnumerateObject().Select(p => p.Name)).ToHashSet();
        var missing = data.EnumerateObject().Select(p => p.Name).Where(n => !shown.Contains(n)).ToList();
        Assert.True(missing.Count == 0, $"{path}: the documented example lacks fields of the answer: {string.Join(", ", missing)}\n{body}");
    }
}
