#include "clients/cli/commands/command_line.h"

#include <cstdlib>
#include <memory>
#include <string_view>

#include "CLI/CLI.hpp"

namespace clout::cli {
namespace {

// The options of one command as CLI11 fills them.
struct Parsed {
  std::vector<std::pair<std::string, CLI::Option*>> values;
  std::map<std::string, std::string> value_text;
  std::vector<std::pair<std::string, CLI::Option*>> switches;
};

void AddCommand(CLI::App* app, const CommandSpec& spec, CommandLine* line,
                Parsed* parsed) {
  CLI::App* sub = app->add_subcommand(spec.name);
  sub->set_help_flag();  // `clout` prints its own help.
  sub->fallthrough();    // Global options may follow the command.
  sub->allow_extras();   // Unknown options are the command's to report.
  for (const char* name : spec.values) {
    parsed->values.emplace_back(
        name,
        sub->add_option(std::string("--") + name, parsed->value_text[name]));
  }
  for (const char* name : spec.switches) {
    parsed->switches.emplace_back(name,
                                  sub->add_flag(std::string("--") + name));
  }
  sub->add_option("args", line->args);
}

// Reads what CLI11 parsed into *line.
void Collect(const CLI::App& app, const Parsed& parsed,
             const std::vector<std::string>& help_topic, CommandLine* line) {
  std::vector<std::string> extras = app.remaining(/*recurse=*/true);
  const auto commands = app.get_subcommands();
  if (!commands.empty() && commands[0]->get_name() == "help") {
    line->help = true;
    if (!help_topic.empty()) line->command = help_topic[0];
  } else if (!commands.empty()) {
    line->command = commands[0]->get_name();
  } else {
    // No known command: the first word that is no option names one.
    for (auto it = extras.begin(); it != extras.end(); ++it) {
      if (it->rfind("--", 0) != 0) {
        line->command = *it;
        extras.erase(it);
        break;
      }
    }
  }
  line->args.insert(line->args.end(), extras.begin(), extras.end());
  for (const auto& [name, option] : parsed.values) {
    if (option->count() > 0) line->values[name] = parsed.value_text.at(name);
  }
  for (const auto& [name, option] : parsed.switches) {
    if (option->count() > 0) line->switches.insert(name);
  }
}

}  // namespace

const std::vector<CommandSpec>& Commands() {
  static const auto* commands = new std::vector<CommandSpec>{
      {"write", {}, {}},
      {"read", {"from", "to", "step", "agg"}, {}},
      {"creators", {"platform"}, {}},
      {"posts", {}, {}},
      {"metrics", {}, {}},
      {"compute", {"from", "to"}, {}},
      {"rank", {"from", "to", "top", "platform"}, {}},
      {"reload", {}, {}},
      {"stats", {}, {}},
      {"compact", {}, {}},
      {"checkpoint", {}, {}},
      {"backfill",
       {"mapping", "resume", "bulk", "progress", "sst-dir", "max-errors",
        "streams", "batch", "commit", "part", "retries", "parse-threads",
        "rate", "commit-seconds", "progress-interval"},
       {"dry-run"}},
  };
  return *commands;
}

std::string CommandLine::Value(const std::string& name,
                               const std::string& fallback) const {
  auto it = values.find(name);
  return it == values.end() ? fallback : it->second;
}

bool CommandLine::Switch(const std::string& name) const {
  return switches.count(name) > 0;
}

bool ParseCommandLine(int argc, const char* const* argv, CommandLine* line,
                      std::string* problem) {
  if (const char* env = std::getenv("CLOUT_SERVER"); env != nullptr && *env) {
    line->options.server = env;
  }
  CLI::App app("clout");
  app.set_help_flag();
  app.allow_extras();
  app.require_subcommand(0, 1);
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  std::string timeout;
  app.add_option("--server", line->options.server);
  CLI::Option* timeout_option = app.add_option("--timeout", timeout);
  app.add_flag("--json", line->options.json);
  app.add_flag("-h,--help", line->help);
  std::vector<std::string> help_topic;
  CLI::App* help = app.add_subcommand("help");
  help->set_help_flag();
  help->fallthrough();
  help->allow_extras();
  help->add_option("command", help_topic);
  Parsed parsed;
  for (const CommandSpec& spec : Commands()) {
    AddCommand(&app, spec, line, &parsed);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    *problem = e.what();
    return false;
  }
  Collect(app, parsed, help_topic, line);
  if (timeout_option->count() > 0) {
    line->options.timeout_s = std::atoi(timeout.c_str());
    if (line->options.timeout_s <= 0) {
      *problem = "--timeout must be a positive number of seconds";
      // The problem is reported for the command only when it came first.
      for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == line->command) break;
        if (arg.substr(0, 9) == "--timeout") {
          line->command.clear();
          break;
        }
      }
      return false;
    }
  }
  return true;
}

}  // namespace clout::cli
