using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using InboxApp.Core.Common;

namespace InboxApp.Api;

/// <summary>
/// Validates every request body argument with its data annotations (and <see cref="IValidatableObject"/>) before the
/// handler runs; failures become 400 VALIDATION_ERROR with camelCase field names in <c>details</c>.
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is null || !IsRequestModel(argument.GetType())) continue;
            var errors = Validate(argument);
            if (errors.Count > 0) throw InboxException.Invalid(errors);
        }
        return next(context);
    }

    public static Dictionary<string, string[]> Validate(object model)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: JsonNamingPolicy.CamelCase.ConvertName(m), r.ErrorMessage ?? "Invalid value")))
            .GroupBy(x => x.Member, x => x.Item2)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());
    }

    private static bool IsRequestModel(Type type) =>
        type.Namespace?.StartsWith("InboxApp", StringComparison.Ordinal) == true && type.Name.EndsWith("Request", StringComparison.Ordinal);
}
