using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Contacts;
using InboxApp.Features.Conversations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Contacts;

/// <summary>
/// <c>PATCH /contacts/{waId}</c>: <c>{ name?, category?, attributes? }</c>. An empty name or category clears it; attributes are
/// merged (a key set to null is removed).
/// </summary>
public sealed record UpdateContactRequest(
    [property: StringLength(200)] string? Name,
    [property: StringLength(100)] string? Category,
    JsonElement? Attributes) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Attributes is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
            yield return new ValidationResult("attributes must be a JSON object", [nameof(Attributes)]);
    }
}

public static class ContactsEndpoints
{
    public static RouteGroupBuilder MapContactsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/contacts").WithTags("Contacts").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List)
            .WithSummary("List contacts")
            .WithDescription("The organization's contacts, most recently updated first, in keyset pages. Any member.")
            .WithQuery("search", "Part of the name, profile name, username or phone number.")
            .WithCursorPaging();
        group.MapGet("/{waId}", Get)
            .WithSummary("Get a contact")
            .WithDescription("A contact by WhatsApp id (`wa_id`, the number in digits) or BSUID; variants of a number (Brazil's ninth digit) find the same contact. Any member.");
        group.MapPatch("/{waId}", Update)
            .WithSummary("Change a contact")
            .WithDescription("Sets the name and/or category (an empty string clears it) and merges `attributes` into the contact's own (a key set to null is removed). Any member.");
        return group;
    }

    /// <summary><c>search</c> (name, profile name, username, phone), <c>cursor</c>, <c>limit</c> (default 50, at most 200); most recently updated first.</summary>
    private static async Task<Ok<ListEnvelope<ContactDto>>> List(ClaimsPrincipal user, ContactService contacts, string? search, string? cursor, string? limit,
        CancellationToken ct)
    {
        var page = await contacts.ListAsync(user.ToActor(), search, cursor, ConversationListEndpoints.Limit(limit), ct);
        return TypedResults.Ok(Envelope.Cursor(page.Items, page.Limit, page.NextCursor));
    }

    /// <summary>A contact by wa_id or BSUID; phone variants of the number (Brazil's ninth digit) find the same contact.</summary>
    private static async Task<Ok<DataEnvelope<ContactDto>>> Get(string waId, ClaimsPrincipal user, ContactService contacts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await contacts.GetAsync(user.ToActor(), waId, ct)));

    private static async Task<Ok<DataEnvelope<ContactDto>>> Update(string waId, UpdateContactRequest request, ClaimsPrincipal user, ContactService contacts,
        CancellationToken ct)
    {
        var attributes = request.Attributes is { ValueKind: JsonValueKind.Object } a ? a : (JsonElement?)null;
        return TypedResults.Ok(Envelope.Data(await contacts.UpdateAsync(user.ToActor(), waId, new ContactChanges(request.Name, request.Category, attributes), ct)));
    }
}
