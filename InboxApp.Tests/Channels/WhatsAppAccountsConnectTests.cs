using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Channels.AccountsApi;

namespace InboxApp.Tests.Channels;

[Collection(AccountsFixture.Collection)]
public sealed class WhatsAppAccountsConnectTests(AccountsFixture fixture)
{
    private FakeGraphApi Graph => fixture.Graph;
    private InboxAppFactory Factory => fixture.Factory;

    [Fact]
    public async Task Connect_manual_checks_the_number_with_meta_stores_the_token_encrypted_and_shows_only_a_mask()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (waba, phone, token) = Graph.AddAccount("+1 555-010-0142", "Acme Support");
        Graph.Phones[phone].Registered = true;

        var response = await admin.Client.PostAsJsonAsync($"{Base}/connect-manual", new { wabaId = waba, phoneNumberId = phone, accessToken = token, alias = "Main line" });
        await response.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, body);
        var account = await response.Data();
        Assert.Equal($"{Base}/{account.GetProperty("id").GetGuid()}", response.Headers.Location?.ToString());
        Assert.Equal("Main line", account.GetProperty("alias").GetString());
        Assert.Equal(waba, account.GetProperty("wabaId").GetString());
        Assert.Equal("CONNECTED", account.GetProperty("status").GetString());
        Assert.True(account.GetProperty("appSubscribed").GetBoolean());
        Assert.Equal($"{token[..4]}…{token[^4..]}", account.GetProperty("accessTokenMask").GetString());
        var number = Assert.Single(account.GetProperty("phoneNumbers").EnumerateArray());
        Assert.Equal(phone, number.GetProperty("metaPhoneNumberId").GetString());
        Assert.Equal("+1 555-010-0142", number.GetProperty("displayPhoneNumber").GetString());
        Assert.Equal("Acme Support", number.GetProperty("verifiedName").GetString());
        Assert.Equal("GREEN", number.GetProperty("qualityRating").GetString());
        Assert.Equal("TIER_1K", number.GetProperty("messagingLimitTier").GetString());
        Assert.Equal("STANDARD", number.GetProperty("throughputLevel").GetString());
        Assert.Equal("REGISTERED", number.GetProperty("registrationStatus").GetString());
        Assert.Equal("CLOUD_API", number.GetProperty("kind").GetString());
        var capabilities = number.GetProperty("capabilities");
        Assert.True(capabilities.GetProperty("canReceiveMessages").GetBoolean());
        Assert.True(capabilities.GetProperty("canSendMessages").GetBoolean());
        Assert.True(capabilities.GetProperty("canSendTemplates").GetBoolean());

        // Meta was asked with that token, and our app got subscribed to the WABA.
        Assert.Contains(Graph.CallsTo($"v23.0/{phone}?fields="), c => c.Token == token);
        Assert.Contains(Graph.AppId, Graph.Subscriptions[waba]);

        // Stored sealed: no column of any row of any table holds the token, and neither does the log.
        await AssertNowhereInDatabaseAsync(token);
        Assert.DoesNotContain(fixture.Factory.Logs, line => line.Contains(token, StringComparison.Ordinal));
        await using var db = Factory.SystemDb();
        var stored = await db.WhatsAppAccounts.SingleAsync(a => a.WabaId == waba);
        Assert.False(string.IsNullOrEmpty(stored.AccessTokenProtected));

        var listed = await (await admin.Client.GetAsync(Base)).Content.ReadAsStringAsync();
        Assert.Contains(phone, listed);
        Assert.DoesNotContain(token, listed);
    }

    [Fact]
    public async Task Connect_manual_refused_by_meta_answers_400_with_metas_message_and_stores_nothing()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (waba, phone, _) = Graph.AddAccount();

        var response = await admin.Client.PostAsJsonAsync($"{Base}/connect-manual", new { wabaId = waba, phoneNumberId = phone, accessToken = "EAAGexpired0000000000000000" });
        var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("Error validating access token", error.GetProperty("message").GetString());
        Assert.True(error.GetProperty("details").TryGetProperty("accessToken", out _));
        await using var db = Factory.SystemDb();
        Assert.False(await db.WhatsAppAccounts.AnyAsync(a => a.WabaId == waba));
        Assert.False(await db.PhoneNumbers.AnyAsync(p => p.MetaPhoneNumberId == phone));
        Assert.False(Graph.Subscriptions.ContainsKey(waba));
    }

    [Fact]
    public async Task Connect_manual_answers_502_when_meta_is_down_and_stores_nothing()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (waba, phone, token) = Graph.AddAccount();
        Graph.Failures.Enqueue((phone, 503, 2, "Service temporarily unavailable"));

        var response = await admin.Client.PostAsJsonAsync($"{Base}/connect-manual", new { wabaId = waba, phoneNumberId = phone, accessToken = token });
        var error = await response.ShouldFail(HttpStatusCode.BadGateway, "META_UNAVAILABLE");
        Assert.Contains("Service temporarily unavailable", error.GetProperty("message").GetString());
        await using var db = Factory.SystemDb();
        Assert.False(await db.PhoneNumbers.AnyAsync(p => p.MetaPhoneNumberId == phone));
    }

    [Fact]
    public async Task Connect_manual_refuses_a_number_that_is_not_in_the_given_waba()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (waba, _, token) = Graph.AddAccount();
        var (_, otherPhone, _) = Graph.AddAccount();

        var response = await admin.Client.PostAsJsonAsync($"{Base}/connect-manual", new { wabaId = waba, phoneNumberId = otherPhone, accessToken = token });
        var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("does not belong", error.GetProperty("message").GetString());
        await using var db = Factory.SystemDb();
        Assert.False(await db.PhoneNumbers.AnyAsync(p => p.MetaPhoneNumberId == otherPhone));
    }

    [Fact]
    public async Task A_number_already_connected_and_active_in_any_organization_gives_409()
    {
        var a = await Factory.RegisterOrganizationAsync();
        var b = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(a);
        var body = new { wabaId = connected.WabaId, phoneNumberId = connected.MetaPhoneNumberId, accessToken = connected.Token };

        await (await a.Client.PostAsJsonAsync($"{Base}/connect-manual", body)).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await (await b.Client.PostAsJsonAsync($"{Base}/connect-manual", body)).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await using var db = Factory.SystemDb();
        Assert.Equal(1, await db.PhoneNumbers.CountAsync(p => p.MetaPhoneNumberId == connected.MetaPhoneNumberId));
    }

    [Fact]
    public async Task Embedded_signup_exchanges_the_code_subscribes_the_app_and_registers_the_number_with_the_pin()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (waba, phone, token) = Graph.AddAccount("+44 20 7946 0011", "Acme UK");
        Graph.Codes["es-code-ok"] = token;

        var response = await admin.Client.PostAsJsonAsync($"{Base}/connect", new { code = "es-code-ok", wabaId = waba, phoneNumberId = phone, pin = "123456" });
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        Assert.Equal("connected", data.GetProperty("wabaStatus").GetString());
        Assert.Equal("registered", data.GetProperty("phoneStatus").GetString());
        var account = data.GetProperty("account");
        Assert.Equal("Acme UK", account.GetProperty("alias").GetString());
        Assert.True(account.GetProperty("appSubscribed").GetBoolean());
        var number = Assert.Single(account.GetProperty("phoneNumbers").EnumerateArray());
        Assert.Equal("REGISTERED", number.GetProperty("registrationStatus").GetString());
        Assert.True(number.GetProperty("capabilities").GetProperty("canReceiveMessages").GetBoolean());

        // The platform app exchanged the code; the number was registered with the PIN using the new business token.
        var exchange = Assert.Single(Graph.CallsTo("oauth/access_token"), c => c.Path.Contains("es-code-ok"));
        Assert.Contains($"client_id={Graph.AppId}", exchange.Path);
        var register = Assert.Single(Graph.CallsTo($"{phone}/register"));
        Assert.Equal(token, register.Token);
        Assert.Contains("\"pin\":\"123456\"", register.Body);
        Assert.True(Graph.Phones[phone].Registered);
        Assert.Contains(Graph.AppId, Graph.Subscriptions[waba]);
        // The client secret travels in the exchange URL: the HTTP client's request logs (captured here) must not show it.
        Assert.Contains(fixture.Factory.Logs, line => line.Contains("oauth/access_token", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Factory.Logs, line => line.Contains(InboxAppFactory.WhatsAppAppSecret, StringComparison.Ordinal));
        await AssertNowhereInDatabaseAsync(token);
    }

    [Fact]
    public async Task Embedded_signup_with_a_wrong_pin_keeps_the_account_connected_and_the_number_reports_registration_failed()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (waba, phone, token) = Graph.AddAccount();
        Graph.Codes["es-code-pin"] = token;
        Graph.Failures.Enqueue(($"{phone}/register", 400, 133005, "Two step verification PIN Mismatch"));

        var response = await admin.Client.PostAsJsonAsync($"{Base}/connect", new { code = "es-code-pin", wabaId = waba, phoneNumberId = phone, pin = "654321" });
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        Assert.Equal("connected", data.GetProperty("wabaStatus").GetString());
        Assert.Equal("registration_failed", data.GetProperty("phoneStatus").GetString());
        Assert.Contains("PIN Mismatch", data.GetProperty("registrationError").GetString());
        var account = data.GetProperty("account");
        Assert.Equal("CONNECTED", account.GetProperty("status").GetString());
        var number = Assert.Single(account.GetProperty("phoneNumbers").EnumerateArray());
        Assert.Equal("REGISTRATION_FAILED", number.GetProperty("registrationStatus").GetString());
        Assert.Contains("PIN Mismatch", number.GetProperty("registrationError").GetString());
        Assert.False(number.GetProperty("capabilities").GetProperty("canReceiveMessages").GetBoolean());

        var alerts = await (await admin.Client.GetAsync($"{Base}/alerts")).Data();
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal("REGISTRATION", alert.GetProperty("kind").GetString());
        Assert.Equal(number.GetProperty("id").GetGuid(), alert.GetProperty("phoneNumberId").GetGuid());
    }

    [Fact]
    public async Task Embedded_signup_with_a_bad_code_answers_400_and_stores_nothing()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (waba, phone, _) = Graph.AddAccount();

        var response = await admin.Client.PostAsJsonAsync($"{Base}/connect", new { code = "not-a-real-code", wabaId = waba, phoneNumberId = phone });
        var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("Invalid verification code", error.GetProperty("message").GetString());
        await using var db = Factory.SystemDb();
        Assert.False(await db.WhatsAppAccounts.AnyAsync(a => a.WabaId == waba));
    }

    [Fact]
    public async Task Embedded_signup_uses_the_organizations_own_meta_app_when_it_has_one()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        Graph.Apps["880011223344"] = "own-app-secret-value";
        await (await admin.Client.PutAsJsonAsync($"{Base}/meta-config", new { appId = "880011223344", configId = "5566", appSecret = "own-app-secret-value" }))
            .ShouldBe(HttpStatusCode.OK);
        var (waba, phone, token) = Graph.AddAccount();
        Graph.Codes["es-own-app"] = token;

        var response = await admin.Client.PostAsJsonAsync($"{Base}/connect", new { code = "es-own-app", wabaId = waba, phoneNumberId = phone, pin = "000111" });
        await response.ShouldBe(HttpStatusCode.Created);
        var exchange = Assert.Single(Graph.CallsTo("oauth/access_token"), c => c.Path.Contains("es-own-app"));
        Assert.Contains("client_id=880011223344", exchange.Path);
        Assert.Contains("880011223344", Graph.Subscriptions[waba]);
        Assert.DoesNotContain(fixture.Factory.Logs, line => line.Contains("own-app-secret-value", StringComparison.Ordinal));

        // Health recognises the organization's own app among the WABA's subscribed apps.
        var accountId = (await response.Data()).GetProperty("account").GetProperty("id").GetGuid();
        var health = await (await admin.Client.GetAsync($"{Base}/{accountId}/health")).Data();
        Assert.True(health.GetProperty("appSubscribed").GetBoolean());
    }

    [Fact]
    public async Task Embedded_signup_without_any_meta_app_answers_400_with_a_clear_code()
    {
        await using var bare = new InboxAppFactory().With("WhatsApp:GraphApiBaseUrl", Graph.BaseUrl).With("WhatsApp:AppSecret", "");
        var admin = await bare.RegisterOrganizationAsync();
        var (waba, phone, token) = Graph.AddAccount();
        Graph.Codes["es-no-app"] = token;

        var response = await admin.Client.PostAsJsonAsync($"{Base}/connect", new { code = "es-no-app", wabaId = waba, phoneNumberId = phone });
        await response.ShouldFail(HttpStatusCode.BadRequest, MetaAppConfigService.NotConfiguredCode);
        Assert.Empty(Graph.CallsTo("es-no-app"));
    }

    [Fact]
    public async Task Reconnecting_a_disconnected_number_reuses_its_account_and_number_so_history_continues()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var first = await fixture.ConnectNumberAsync(admin);
        await (await admin.Client.DeleteAsync($"{Base}/{first.AccountId}")).ShouldBe(HttpStatusCode.NoContent);

        var again = await admin.Client.PostAsJsonAsync($"{Base}/connect-manual",
            new { wabaId = first.WabaId, phoneNumberId = first.MetaPhoneNumberId, accessToken = first.Token });
        await again.ShouldBe(HttpStatusCode.Created);
        var account = await again.Data();
        Assert.Equal(first.AccountId, account.GetProperty("id").GetGuid());
        Assert.Equal("CONNECTED", account.GetProperty("status").GetString());
        var number = Assert.Single(account.GetProperty("phoneNumbers").EnumerateArray());
        Assert.Equal(first.PhoneNumberId, number.GetProperty("id").GetGuid());
        Assert.True(number.GetProperty("isActive").GetBoolean());
    }

    /// <summary>Reads every column of every row of every table and checks none holds <paramref name="secret"/>.</summary>
    private async Task AssertNowhereInDatabaseAsync(string secret)
    {
        await using var db = Factory.SystemDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        Assert.Contains("WhatsAppAccounts", tables);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.IsDBNull(i)) continue;
                    var value = reader.GetValue(i);
                    var text = value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : value.ToString();
                    Assert.False(text?.Contains(secret, StringComparison.Ordinal), $"{table}.{reader.GetName(i)} holds the secret in plain text");
                }
            }
        }
    }
}
