using Xunit.Abstractions;
using Xunit.Sdk;

namespace BackCare.Data.Tests.Infrastructure;

/// <summary>Marks a test class whose tests need the PostgreSQL server.</summary>
public interface INeedPostgres;

/// <summary>
/// A fact of the storage suite. The suite is written once and inherited by one class per provider; the attribute
/// sits on the shared method, so whether to skip is decided per class: a class that needs PostgreSQL is skipped,
/// with the reason, only when the server is unreachable and BACKCARE_REQUIRE_POSTGRES is not 1.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("BackCare.Data.Tests.Infrastructure.StorageFactDiscoverer", "BackCare.Data.Tests")]
public sealed class StorageFactAttribute : FactAttribute;

public sealed class StorageFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var needsPostgres = typeof(INeedPostgres).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType());
        if (needsPostgres && !PostgresServer.Required && PostgresServer.UnreachableReason is { } reason)
        {
            yield return new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason);
        }
        else
        {
            yield return new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod);
        }
    }
}
