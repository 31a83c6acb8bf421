using System.Runtime.CompilerServices;

namespace BackCare.Web.Tests;

/// <summary>
/// The tests start hundreds of hosts in one process, and each would watch its appsettings files for changes. Linux
/// gives a user 128 file watchers (inotify instances) by default, shared with everything else the user runs, so a
/// busy machine refused new hosts with "The configured user limit (128) on the number of inotify instances has been
/// reached". No test changes a settings file while its host runs, so the hosts of this process do not watch them.
/// </summary>
internal static class NoConfigWatchers
{
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
