using InboxApp.Core.Routing;
using InboxApp.Features.Routing;

namespace InboxApp.Tests.Routing;

/// <summary>How the rules list of Settings › Routing words a condition.</summary>
public sealed class RuleTextTests
{
    [Theory]
    [InlineData(RoutingConditionType.LANGUAGE, new[] { "es", "pt" }, "language is Spanish or Portuguese")]
    [InlineData(RoutingConditionType.BUSINESS_HOURS, new[] { "OUTSIDE" }, "outside business hours")]
    [InlineData(RoutingConditionType.COUNTRY, new[] { "DE", "AT" }, "number from DE, AT")]
    public void A_condition_reads_as_words(RoutingConditionType type, string[] values, string expected) =>
        Assert.Equal(expected, RuleText.Describe(new RoutingCondition(type, values)));
}
