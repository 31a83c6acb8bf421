using BackCare.Benchmarks.Worklist;
using BackCare.Data.Storage;
using BenchmarkDotNet.Running;

// `seed-worklist [Sqlite|Postgres]` makes the worklist benchmark's databases without measuring anything.
if (args is ["seed-worklist", .. var providers])
{
    foreach (var provider in providers.Length == 0 ? [StorageProvider.Sqlite, StorageProvider.Postgres] : providers.Select(StorageOptions.ParseProvider))
    {
        await WorklistSeeder.EnsureSeededAsync(WorklistBenchmarks.OptionsFor(provider), Console.Out);
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(WorklistBenchmarks).Assembly).Run(args);
