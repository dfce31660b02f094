namespace InboxApp.Core.Channels.Sandbox;

public sealed record SandboxNumberDto(Guid Id, Guid AccountId, string MetaPhoneNumberId, string DisplayPhoneNumber, string? VerifiedName, string Alias, DateTimeOffset CreatedAt);

public sealed record SandboxFailureDto(Guid Id, Guid PhoneNumberId, Guid? ConversationId, int ErrorCode, DateTimeOffset CreatedAt);

/// <summary>Who a simulated customer is: a phone (wa_id), a business-scoped user id (BSUID), or both.</summary>
public sealed record SimulatedContact(string? Name, string? Phone, string? UserId, string? Username);

public sealed record SimulatedConversation(Guid? PhoneNumberId, SimulatedContact Contact, IReadOnlyList<SimulatedContent> Messages);

public sealed record SimulatedConversationDto(Guid ConversationId, Guid ContactId, Guid PhoneNumberId, Guid DeliveryId, IReadOnlyList<Guid> MessageIds);

public sealed record SimulatedMessageDto(Guid ConversationId, Guid MessageId, string WaMessageId, Guid DeliveryId);

public sealed record SimulatedTemplateStatusDto(Guid DeliveryId, string DeliveryStatus, string TemplateName, string Event);

public sealed record SandboxCleanupDto(int Conversations, int Messages, int Contacts);

/// <summary>A sandbox conversation as the simulator lists it.</summary>
public sealed record SandboxConversationDto(Guid Id, Guid PhoneNumberId, string ContactName, string ContactIdentifier, string? LastMessagePreview,
    DateTimeOffset LastMessageAt, bool WindowOpen);
