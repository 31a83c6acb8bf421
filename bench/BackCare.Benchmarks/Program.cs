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

// `check-worklist [Sqlite|Postgres]` seeds if needed and asks each page the worklist benchmark times once, as its set-up
// does, without measuring: a quick check that every filter and search answers 200 with patients.
if (args is ["check-worklist", .. var checkedProviders])
{
    foreach (var provider in checkedProviders.Length == 0 ? [StorageProvider.Sqlite, StorageProvider.Postgres] : checkedProviders.Select(StorageOptions.ParseProvider))
    {
        var benchmarks = new WorklistBenchmarks { Database = provider };
        benchmarks.Setup();
        benchmarks.Cleanup();
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(WorklistBenchmarks).Assembly).Run(args);
