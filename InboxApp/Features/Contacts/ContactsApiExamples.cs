using InboxApp.Api;
using InboxApp.Core.Contacts;

namespace InboxApp.Features.Contacts;

/// <summary>Examples of the Contacts requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class ContactsApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<UpdateContactRequest>("""
            {
              "name": "Ada Lovelace",
              "category": "vip",
              "attributes": {
                "plan": "gold",
                "customerSince": "2024"
              }
            }
            """)
        .Add<ContactDto>("""
            {
              "id": "019e918c-b9f8-4a66-89f1-85fbc8b779c9",
              "phoneNumberId": "ee138434-6630-4f6c-8c48-e65c77a82266",
              "identifier": "5511987654321",
              "waId": "5511987654321",
              "phone": "+5511987654321",
              "profileName": "Ada",
              "name": "Ada Lovelace",
              "displayName": "Ada Lovelace",
              "category": "billing",
              "attributes": {
                "plan": "gold"
              },
              "conversationsCount": 3,
              "createdAt": "2026-01-31T12:00:00Z",
              "updatedAt": "2026-01-31T12:00:00Z"
            }
            """);
}
