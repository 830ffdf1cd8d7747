# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_vulyk_global_optspecs
    string join \n db= plugins= config= json h/help V/version
end

function __fish_vulyk_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_vulyk_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_vulyk_using_subcommand
    set -l cmd (__fish_vulyk_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c vulyk -n "__fish_vulyk_needs_command" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_needs_command" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_needs_command" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_needs_command" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vulyk -n "__fish_vulyk_needs_command" -s V -l version -d 'Print version'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "init" -d 'Create the default group with the task types every user may do, and put all users in it'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "task-type" -d 'Task types (plugins) and their task counts'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "group" -d 'Groups of users and the task types they may do'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "user" -d 'Volunteers and operators'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "admin" -d 'Who has admin rights'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "batch" -d 'Batches of tasks'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "db" -d 'Loading tasks and exporting answers'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "stats" -d 'Progress of batches, recent work, and answer quality'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "gold" -d 'Gold tasks: tasks with known answers that measure volunteers\' accuracy'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "rules" -d 'Achievement rules: what volunteers earn badges and bonus points for'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "funds" -d 'Funds volunteers may give their coins to'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "events" -d 'What volunteers earned and gave, event by event'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "state" -d 'Volunteers\' levels, points and coins'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "audit" -d 'Who changed what: every change made with `vulyk` commands and the console'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "webhooks" -d 'Webhooks: the ones configured, and their deliveries'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "plugin" -d 'Make, import (from the original Vulyk) and check task-type plugins'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c vulyk -n "__fish_vulyk_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand init" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand init" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand init" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand init" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand init" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and not __fish_seen_subcommand_from list help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and not __fish_seen_subcommand_from list help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and not __fish_seen_subcommand_from list help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and not __fish_seen_subcommand_from list help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List the task types: plugins, and types that have tasks but no plugin'
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and __fish_seen_subcommand_from list" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the task types: plugins, and types that have tasks but no plugin'
complete -c vulyk -n "__fish_vulyk_using_subcommand task-type; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -f -a "list" -d 'List groups with their task types and number of members'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -f -a "add" -d 'Create a group'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -f -a "del" -d 'Delete a group (its members stay, without it)'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -f -a "assign" -d 'Add a user (username or e-mail) to a group'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -f -a "resign" -d 'Remove a user (username or e-mail) from a group'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -f -a "addtype" -d 'Allow a group\'s members to do a task type'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -f -a "deltype" -d 'Stop allowing a group\'s members to do a task type'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and not __fish_seen_subcommand_from list add del assign resign addtype deltype help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from list" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from add" -l gid -d 'The original\'s `--gid ID`' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from add" -l description -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from add" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from add" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from add" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from add" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from del" -l gid -d 'The original\'s `--gid ID`' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from del" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from del" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from del" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from del" -l yes -d 'Confirm the deletion'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from del" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from del" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from assign" -l gid -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from assign" -l username -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from assign" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from assign" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from assign" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from assign" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from assign" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from resign" -l gid -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from resign" -l username -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from resign" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from resign" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from resign" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from resign" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from resign" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from addtype" -l gid -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from addtype" -l task_type -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from addtype" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from addtype" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from addtype" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from addtype" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from addtype" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from deltype" -l gid -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from deltype" -l task_type -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from deltype" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from deltype" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from deltype" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from deltype" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from deltype" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "list" -d 'List groups with their task types and number of members'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "add" -d 'Create a group'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "del" -d 'Delete a group (its members stay, without it)'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "assign" -d 'Add a user (username or e-mail) to a group'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "resign" -d 'Remove a user (username or e-mail) from a group'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "addtype" -d 'Allow a group\'s members to do a task type'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "deltype" -d 'Stop allowing a group\'s members to do a task type'
complete -c vulyk -n "__fish_vulyk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -f -a "list" -d 'List users'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -f -a "add" -d 'Create a user; they join the default group'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -f -a "show" -d 'Show one user (by username or e-mail)'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -f -a "del" -d 'Delete a user who has given no answers'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -f -a "passwd" -d 'Set a user\'s password for the volunteers\' site, read from standard input'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -f -a "token" -d 'Manage a user\'s API tokens for scripted clients'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and not __fish_seen_subcommand_from list add show del passwd token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from list" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from add" -l email -r
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from add" -l name -d 'Display name' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from add" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from add" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from add" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from add" -l admin -d 'Give the user admin rights'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from add" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from show" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from show" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from show" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from del" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from del" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from del" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from del" -l yes -d 'Confirm the deletion'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from del" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from del" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from passwd" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from passwd" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from passwd" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from passwd" -l password-stdin -d 'Read the password from the first line of standard input (required: no prompts)'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from passwd" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from token" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from token" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from token" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from token" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from token" -f -a "create" -d 'Create a token for a user and print it on stdout (it is shown only this once)'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from token" -f -a "list" -d 'List a user\'s tokens (ids and names; the secrets are not stored)'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from token" -f -a "revoke" -d 'Revoke one of a user\'s tokens by its id'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from token" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Create a user; they join the default group'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one user (by username or e-mail)'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "del" -d 'Delete a user who has given no answers'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Set a user\'s password for the volunteers\' site, read from standard input'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "token" -d 'Manage a user\'s API tokens for scripted clients'
complete -c vulyk -n "__fish_vulyk_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and not __fish_seen_subcommand_from list add remove help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and not __fish_seen_subcommand_from list add remove help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and not __fish_seen_subcommand_from list add remove help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and not __fish_seen_subcommand_from list add remove help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and not __fish_seen_subcommand_from list add remove help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and not __fish_seen_subcommand_from list add remove help" -f -a "list" -d 'List the users with admin rights'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and not __fish_seen_subcommand_from list add remove help" -f -a "add" -d 'Give a user (username or e-mail) admin rights'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and not __fish_seen_subcommand_from list add remove help" -f -a "remove" -d 'Take admin rights away from a user (username or e-mail)'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and not __fish_seen_subcommand_from list add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from list" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from add" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from add" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from add" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from add" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from remove" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from remove" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from remove" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from remove" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the users with admin rights'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "add" -d 'Give a user (username or e-mail) admin rights'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Take admin rights away from a user (username or e-mail)'
complete -c vulyk -n "__fish_vulyk_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and not __fish_seen_subcommand_from list show del help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and not __fish_seen_subcommand_from list show del help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and not __fish_seen_subcommand_from list show del help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and not __fish_seen_subcommand_from list show del help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and not __fish_seen_subcommand_from list show del help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and not __fish_seen_subcommand_from list show del help" -f -a "list" -d 'List batches in id order (the order they are handed out in)'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and not __fish_seen_subcommand_from list show del help" -f -a "show" -d 'Show one batch with its meta'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and not __fish_seen_subcommand_from list show del help" -f -a "del" -d 'Delete a batch and its tasks'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and not __fish_seen_subcommand_from list show del help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from list" -l type -d 'Only batches of this task type' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from list" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from show" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from show" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from show" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from del" -l bid -d 'The original\'s `--bid ID`' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from del" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from del" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from del" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from del" -l purge -d 'Also delete the answers and work sessions of its tasks (without it, a batch with answers is refused)'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from del" -l yes -d 'Confirm the deletion'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from del" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from del" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "list" -d 'List batches in id order (the order they are handed out in)'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one batch with its meta'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "del" -d 'Delete a batch and its tasks'
complete -c vulyk -n "__fish_vulyk_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -f -a "load" -d 'Load tasks from JSON-lines files (plain, gzip or bzip2, recognised by content)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -f -a "export" -d 'Export the answers of a task type (closed tasks unless --include-open)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -f -a "cursors" -d 'The named positions of incremental exports (db export --cursor)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -f -a "backup" -d 'Write a consistent snapshot of the whole store to a new SQLite file while the site keeps serving (a MongoDB store\'s writes pause meanwhile; .gz/.bz2 names are compressed)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -f -a "copy" -d 'Copy everything a store holds into another, empty one (SQLite or MongoDB, either way), checked at the end by counting both and by a checksum of the tasks and answers; --resume goes on with a copy that stopped'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -f -a "upgrade" -d 'Move an original Vulyk database to this version\'s layout (until then it is only read)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -f -a "downgrade" -d 'Return an upgraded MongoDB database to the shape the original Vulyk runs on'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and not __fish_seen_subcommand_from load export cursors backup copy upgrade downgrade help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from load" -l batch -d 'Batch to load into [default: default]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from load" -l meta -d 'Override a batch-meta default of the task type, for a new batch (the original\'s `--meta KEY VALUE` works too)' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from load" -l rejects -d 'File that receives the skipped lines verbatim' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from load" -l chunk-lines -d 'Lines per store write (tuning; the default suits most loads)' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from load" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from load" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from load" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from load" -l extend -d 'Allow adding tasks to an existing batch other than default'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from load" -l skip-invalid -d 'Skip lines that are not JSON objects instead of stopping (they go to --rejects)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from load" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -s o -l output -d 'Where to write; - for standard output. A name ending in .gz or .bz2 is compressed' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l batch -d 'Only this batch (the original\'s `__all__` means every batch)' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l format -d 'jsonl: per task, the JSON array of its answers; csv: one row per answer' -r -f -a "jsonl\t''
csv\t''"
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l aggregate -d 'Add the consensus of each task. majority (what a bare --aggregate adds): the most frequent answer and its share of the answers; dawid-skene: also the label Dawid–Skene estimates from volunteers\' reliability, with its probability' -r -f -a "majority\t''
dawid-skene\t''"
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l since -d 'Only tasks that closed at or after TIME (RFC 3339, or a date: midnight UTC) and up to a minute ago; with --include-open, tasks whose newest answer came then' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l cursor -d 'Only what is new since the last complete export with this cursor (everything, the first time); needs -o FILE; the cursor moves when the file is complete' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l all-batches -d 'Every batch of the type (what happens without --batch, said explicitly)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l include-open -d 'Also tasks that are still open (by default only closed tasks, whose answers are final)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l with-sessions -d 'Add each answer\'s work session: start, end, duration and activity'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from cursors" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from cursors" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from cursors" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from cursors" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from cursors" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from cursors" -f -a "list" -d 'List the cursors: the scope each follows and the time up to which it has exported'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from cursors" -f -a "del" -d 'Forget a cursor: an export with it takes everything again'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from cursors" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from backup" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from backup" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from backup" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from backup" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from copy" -l from -d 'The store to copy from [default: the configured database, --db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from copy" -l to -d 'The store to copy into: a new SQLite file, or an empty store' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from copy" -l page-rows -d 'Rows per page read and written (tuning; the default suits most stores)' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from copy" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from copy" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from copy" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from copy" -l resume -d 'Go on with a copy into --to that stopped before it finished (from the same source)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from copy" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from upgrade" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from upgrade" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from upgrade" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from upgrade" -l yes -d 'Confirm: the original Vulyk does not run on the database again until `db downgrade`'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from upgrade" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from upgrade" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from downgrade" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from downgrade" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from downgrade" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from downgrade" -l yes -d 'Confirm: what the original has no place for (API tokens, sign-in identities, sessions, our counters) is dropped'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from downgrade" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from downgrade" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load tasks from JSON-lines files (plain, gzip or bzip2, recognised by content)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export the answers of a task type (closed tasks unless --include-open)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "cursors" -d 'The named positions of incremental exports (db export --cursor)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "backup" -d 'Write a consistent snapshot of the whole store to a new SQLite file while the site keeps serving (a MongoDB store\'s writes pause meanwhile; .gz/.bz2 names are compressed)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy everything a store holds into another, empty one (SQLite or MongoDB, either way), checked at the end by counting both and by a checksum of the tasks and answers; --resume goes on with a copy that stopped'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "upgrade" -d 'Move an original Vulyk database to this version\'s layout (until then it is only read)'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "downgrade" -d 'Return an upgraded MongoDB database to the shape the original Vulyk runs on'
complete -c vulyk -n "__fish_vulyk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and not __fish_seen_subcommand_from batch overview leaders quality help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and not __fish_seen_subcommand_from batch overview leaders quality help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and not __fish_seen_subcommand_from batch overview leaders quality help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and not __fish_seen_subcommand_from batch overview leaders quality help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and not __fish_seen_subcommand_from batch overview leaders quality help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and not __fish_seen_subcommand_from batch overview leaders quality help" -f -a "batch" -d 'Per batch: tasks, closed tasks, answers, and how many tasks have how many answers'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and not __fish_seen_subcommand_from batch overview leaders quality help" -f -a "overview" -d 'Per task type and batch: tasks, answers, live hand-outs, volunteers, answers per hour over 48 hours and time per task'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and not __fish_seen_subcommand_from batch overview leaders quality help" -f -a "leaders" -d 'The volunteers with the most answers of a task type, densely ranked'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and not __fish_seen_subcommand_from batch overview leaders quality help" -f -a "quality" -d 'Agreement per batch (Krippendorff\'s alpha) and each volunteer\'s reliability (Dawid–Skene\'s estimate of the share of their labels that are right)'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and not __fish_seen_subcommand_from batch overview leaders quality help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from batch" -s n -l batch -d 'Only this batch' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from batch" -s t -l type -d 'Only batches of this task type' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from batch" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from batch" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from batch" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from batch" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from batch" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from overview" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from overview" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from overview" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from overview" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from overview" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from leaders" -l limit -d 'How many distinct answer counts to show (ties share a rank)' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from leaders" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from leaders" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from leaders" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from leaders" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from leaders" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from quality" -l batch -d 'Only this batch' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from quality" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from quality" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from quality" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from quality" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from quality" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "batch" -d 'Per batch: tasks, closed tasks, answers, and how many tasks have how many answers'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "overview" -d 'Per task type and batch: tasks, answers, live hand-outs, volunteers, answers per hour over 48 hours and time per task'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "leaders" -d 'The volunteers with the most answers of a task type, densely ranked'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "quality" -d 'Agreement per batch (Krippendorff\'s alpha) and each volunteer\'s reliability (Dawid–Skene\'s estimate of the share of their labels that are right)'
complete -c vulyk -n "__fish_vulyk_using_subcommand stats; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and not __fish_seen_subcommand_from load list del help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and not __fish_seen_subcommand_from load list del help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and not __fish_seen_subcommand_from load list del help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and not __fish_seen_subcommand_from load list del help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and not __fish_seen_subcommand_from load list del help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and not __fish_seen_subcommand_from load list del help" -f -a "load" -d 'Load gold tasks: JSON lines {"task": {…}, "answer": {…}}, plain, gzip or bzip2. All or nothing; loading the same lines again changes nothing, a changed answer replaces the stored one'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and not __fish_seen_subcommand_from load list del help" -f -a "list" -d 'List a type\'s gold tasks with their expected answers'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and not __fish_seen_subcommand_from load list del help" -f -a "del" -d 'Delete gold tasks by id, or a whole batch of them, with the answers given to them'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and not __fish_seen_subcommand_from load list del help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from load" -l batch -d 'A name to list and delete them by' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from load" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from load" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from load" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from load" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from list" -l batch -d 'Only this batch' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from list" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from del" -l batch -d 'Every gold task of this batch' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from del" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from del" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from del" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from del" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from del" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load gold tasks: JSON lines {"task": {…}, "answer": {…}}, plain, gzip or bzip2. All or nothing; loading the same lines again changes nothing, a changed answer replaces the stored one'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from help" -f -a "list" -d 'List a type\'s gold tasks with their expected answers'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from help" -f -a "del" -d 'Delete gold tasks by id, or a whole batch of them, with the answers given to them'
complete -c vulyk -n "__fish_vulyk_using_subcommand gold; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -f -a "list" -d 'List achievement rules'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -f -a "show" -d 'Show one rule'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -f -a "add" -d 'Add a rule'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -f -a "edit" -d 'Change the given fields of a rule (volunteers who earned it keep it)'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -f -a "del" -d 'Delete a rule (volunteers who earned it keep it in their history)'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -f -a "import" -d 'Add or replace rules from a JSON file: one object, an array, or JSON lines (- for stdin)'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -f -a "export" -d 'Print every rule as JSON lines, as `import` reads them'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -f -a "simulate" -d 'Show who would earn a rule (stored ID, or a JSON FILE) on the work recorded so far'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and not __fish_seen_subcommand_from list show add edit del import export simulate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from list" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from show" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from show" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from show" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l name -d 'Unique name shown to volunteers' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l badge -d 'Badge image: a URL or a data URI' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l description -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l bonus -d 'Extra points paid when the rule is earned' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l tasks -d 'Finished tasks needed (within --days when given)' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l days -d 'Days with work needed (or the window for --tasks; weekends with --weekend)' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l task-type -d 'Only work of this task type counts' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l id -d 'Rule id [default: derived from the name and task type]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l weekend -d 'Count only work on Saturdays and Sundays'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l adjacent -d 'The days (or weekends) must be consecutive, ending today'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l name -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l badge -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l description -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l bonus -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l tasks -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l days -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l weekend -r -f -a "true\t''
false\t''"
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l adjacent -r -f -a "true\t''
false\t''"
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l task-type -d 'Task type, or an empty value for every type' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from del" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from del" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from del" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from del" -l yes -d 'Confirm the deletion'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from del" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from del" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from import" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from import" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from import" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from import" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of standard output' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from export" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from export" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from export" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from export" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from simulate" -l user -d 'Only this volunteer (username or e-mail)' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from simulate" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from simulate" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from simulate" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from simulate" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from simulate" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "list" -d 'List achievement rules'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one rule'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a rule'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change the given fields of a rule (volunteers who earned it keep it)'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "del" -d 'Delete a rule (volunteers who earned it keep it in their history)'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "import" -d 'Add or replace rules from a JSON file: one object, an array, or JSON lines (- for stdin)'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print every rule as JSON lines, as `import` reads them'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "simulate" -d 'Show who would earn a rule (stored ID, or a JSON FILE) on the work recorded so far'
complete -c vulyk -n "__fish_vulyk_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and not __fish_seen_subcommand_from list show add edit del help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and not __fish_seen_subcommand_from list show add edit del help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and not __fish_seen_subcommand_from list show add edit del help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and not __fish_seen_subcommand_from list show add edit del help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and not __fish_seen_subcommand_from list show add edit del help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and not __fish_seen_subcommand_from list show add edit del help" -f -a "list" -d 'List funds'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and not __fish_seen_subcommand_from list show add edit del help" -f -a "show" -d 'Show one fund'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and not __fish_seen_subcommand_from list show add edit del help" -f -a "add" -d 'Add a fund'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and not __fish_seen_subcommand_from list show add edit del help" -f -a "edit" -d 'Change the given fields of a fund'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and not __fish_seen_subcommand_from list show add edit del help" -f -a "del" -d 'Delete a fund that received no donations'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and not __fish_seen_subcommand_from list show add edit del help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from list" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from list" -l donatable -d 'Only funds that take donations'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from list" -l non-donatable -d 'Only funds that do not'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from show" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from show" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from show" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from add" -l name -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from add" -l description -d 'HTML allowed' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from add" -l site -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from add" -l email -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from add" -l logo -d 'A PNG, JPEG or WebP image of at most 512 KiB' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from add" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from add" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from add" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from add" -l donatable -d 'Volunteers may give coins to it'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from add" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -l name -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -l description -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -l site -d 'New site, or an empty value for none' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -l email -d 'New e-mail address, or an empty value for none' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -l donatable -r -f -a "true\t''
false\t''"
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -l logo -d 'Replace the logo with this image' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -l no-logo -d 'Remove the logo'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from del" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from del" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from del" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from del" -l yes -d 'Confirm the deletion'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from del" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from del" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from help" -f -a "list" -d 'List funds'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one fund'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a fund'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change the given fields of a fund'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from help" -f -a "del" -d 'Delete a fund that received no donations'
complete -c vulyk -n "__fish_vulyk_using_subcommand funds; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and not __fish_seen_subcommand_from list help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and not __fish_seen_subcommand_from list help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and not __fish_seen_subcommand_from list help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and not __fish_seen_subcommand_from list help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'A volunteer\'s events, oldest first: answers paid, achievements, levels, donations'
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and __fish_seen_subcommand_from list" -l user -d 'Username or e-mail' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and __fish_seen_subcommand_from list" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and __fish_seen_subcommand_from list" -l unseen -d 'Only those the volunteer has not seen yet'
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "list" -d 'A volunteer\'s events, oldest first: answers paid, achievements, levels, donations'
complete -c vulyk -n "__fish_vulyk_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and not __fish_seen_subcommand_from show top help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and not __fish_seen_subcommand_from show top help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and not __fish_seen_subcommand_from show top help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and not __fish_seen_subcommand_from show top help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and not __fish_seen_subcommand_from show top help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and not __fish_seen_subcommand_from show top help" -f -a "show" -d 'A volunteer\'s level, points, coins and achievements'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and not __fish_seen_subcommand_from show top help" -f -a "top" -d 'The top volunteers by one measure'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and not __fish_seen_subcommand_from show top help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from show" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from show" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from show" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from top" -l by -d 'points, actual_coins, potential_coins or level' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from top" -l limit -r
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from top" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from top" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from top" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from top" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from help" -f -a "show" -d 'A volunteer\'s level, points, coins and achievements'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from help" -f -a "top" -d 'The top volunteers by one measure'
complete -c vulyk -n "__fish_vulyk_using_subcommand state; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'The changes made with `vulyk` commands and the console, newest first'
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and __fish_seen_subcommand_from list" -l since -d 'Only changes at or after TIME (RFC 3339, or a date: its midnight UTC)' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and __fish_seen_subcommand_from list" -l user -d 'Only changes made by this operating-system user' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and __fish_seen_subcommand_from list" -l limit -d 'At most this many' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and __fish_seen_subcommand_from list" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "list" -d 'The changes made with `vulyk` commands and the console, newest first'
complete -c vulyk -n "__fish_vulyk_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and not __fish_seen_subcommand_from list test deliveries retry help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and not __fish_seen_subcommand_from list test deliveries retry help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and not __fish_seen_subcommand_from list test deliveries retry help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and not __fish_seen_subcommand_from list test deliveries retry help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and not __fish_seen_subcommand_from list test deliveries retry help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and not __fish_seen_subcommand_from list test deliveries retry help" -f -a "list" -d 'The webhooks of the configuration: name, address, events and retry settings'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and not __fish_seen_subcommand_from list test deliveries retry help" -f -a "test" -d 'Queue a webhook.test event for a webhook and wait for a server to deliver it'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and not __fish_seen_subcommand_from list test deliveries retry help" -f -a "deliveries" -d 'Deliveries, newest first'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and not __fish_seen_subcommand_from list test deliveries retry help" -f -a "retry" -d 'Queue a delivery again (a dead one, say), its tries counted anew'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and not __fish_seen_subcommand_from list test deliveries retry help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l wait -d 'How long to wait for the outcome, in seconds (0: only queue it)' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l limit -d 'At most this many' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l failed -d 'Only those whose last try failed (dead, or waiting for another try)'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from retry" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from retry" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from retry" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from retry" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "list" -d 'The webhooks of the configuration: name, address, events and retry settings'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "test" -d 'Queue a webhook.test event for a webhook and wait for a server to deliver it'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "deliveries" -d 'Deliveries, newest first'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Queue a delivery again (a dead one, say), its tries counted anew'
complete -c vulyk -n "__fish_vulyk_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and not __fish_seen_subcommand_from new import check help" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and not __fish_seen_subcommand_from new import check help" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and not __fish_seen_subcommand_from new import check help" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and not __fish_seen_subcommand_from new import check help" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and not __fish_seen_subcommand_from new import check help" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and not __fish_seen_subcommand_from new import check help" -f -a "new" -d 'Make a new plugin in the plugins folder: plugin.toml, a template, a script, sample tasks and a README'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and not __fish_seen_subcommand_from new import check help" -f -a "import" -d 'Turn a plugin package of the original Vulyk (models/task_types.py, templates/, static/) into a plugin folder, listing what cannot be carried over'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and not __fish_seen_subcommand_from new import check help" -f -a "check" -d 'Check a plugin folder: plugin.toml, its templates rendered, its sample tasks read'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and not __fish_seen_subcommand_from new import check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from new" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from new" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from new" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from new" -l gamified -d 'Volunteers earn points and coins for its tasks'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from new" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from import" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from import" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from import" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from import" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from check" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from check" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from check" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from check" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from help" -f -a "new" -d 'Make a new plugin in the plugins folder: plugin.toml, a template, a script, sample tasks and a README'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from help" -f -a "import" -d 'Turn a plugin package of the original Vulyk (models/task_types.py, templates/, static/) into a plugin folder, listing what cannot be carried over'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check a plugin folder: plugin.toml, its templates rendered, its sample tasks read'
complete -c vulyk -n "__fish_vulyk_using_subcommand plugin; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand completions" -l db -d 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]' -r
complete -c vulyk -n "__fish_vulyk_using_subcommand completions" -l plugins -d 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand completions" -l config -d 'Configuration file [default: ./vulyk.toml when present]' -r -F
complete -c vulyk -n "__fish_vulyk_using_subcommand completions" -l json -d 'Print results as JSON instead of tables'
complete -c vulyk -n "__fish_vulyk_using_subcommand completions" -s h -l help -d 'Print help'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "init" -d 'Create the default group with the task types every user may do, and put all users in it'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "task-type" -d 'Task types (plugins) and their task counts'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "group" -d 'Groups of users and the task types they may do'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "user" -d 'Volunteers and operators'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "admin" -d 'Who has admin rights'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "batch" -d 'Batches of tasks'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "db" -d 'Loading tasks and exporting answers'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "stats" -d 'Progress of batches, recent work, and answer quality'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "gold" -d 'Gold tasks: tasks with known answers that measure volunteers\' accuracy'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "rules" -d 'Achievement rules: what volunteers earn badges and bonus points for'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "funds" -d 'Funds volunteers may give their coins to'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "events" -d 'What volunteers earned and gave, event by event'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "state" -d 'Volunteers\' levels, points and coins'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "audit" -d 'Who changed what: every change made with `vulyk` commands and the console'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "webhooks" -d 'Webhooks: the ones configured, and their deliveries'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "plugin" -d 'Make, import (from the original Vulyk) and check task-type plugins'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and not __fish_seen_subcommand_from init task-type group user admin batch db stats gold rules funds events state audit webhooks plugin completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from task-type" -f -a "list" -d 'List the task types: plugins, and types that have tasks but no plugin'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "list" -d 'List groups with their task types and number of members'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "add" -d 'Create a group'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "del" -d 'Delete a group (its members stay, without it)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "assign" -d 'Add a user (username or e-mail) to a group'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "resign" -d 'Remove a user (username or e-mail) from a group'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "addtype" -d 'Allow a group\'s members to do a task type'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "deltype" -d 'Stop allowing a group\'s members to do a task type'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List users'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "add" -d 'Create a user; they join the default group'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "show" -d 'Show one user (by username or e-mail)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "del" -d 'Delete a user who has given no answers'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "passwd" -d 'Set a user\'s password for the volunteers\' site, read from standard input'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "token" -d 'Manage a user\'s API tokens for scripted clients'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "list" -d 'List the users with admin rights'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "add" -d 'Give a user (username or e-mail) admin rights'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "remove" -d 'Take admin rights away from a user (username or e-mail)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "list" -d 'List batches in id order (the order they are handed out in)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "show" -d 'Show one batch with its meta'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "del" -d 'Delete a batch and its tasks'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "load" -d 'Load tasks from JSON-lines files (plain, gzip or bzip2, recognised by content)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "export" -d 'Export the answers of a task type (closed tasks unless --include-open)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "cursors" -d 'The named positions of incremental exports (db export --cursor)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "backup" -d 'Write a consistent snapshot of the whole store to a new SQLite file while the site keeps serving (a MongoDB store\'s writes pause meanwhile; .gz/.bz2 names are compressed)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "copy" -d 'Copy everything a store holds into another, empty one (SQLite or MongoDB, either way), checked at the end by counting both and by a checksum of the tasks and answers; --resume goes on with a copy that stopped'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "upgrade" -d 'Move an original Vulyk database to this version\'s layout (until then it is only read)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "downgrade" -d 'Return an upgraded MongoDB database to the shape the original Vulyk runs on'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from stats" -f -a "batch" -d 'Per batch: tasks, closed tasks, answers, and how many tasks have how many answers'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from stats" -f -a "overview" -d 'Per task type and batch: tasks, answers, live hand-outs, volunteers, answers per hour over 48 hours and time per task'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from stats" -f -a "leaders" -d 'The volunteers with the most answers of a task type, densely ranked'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from stats" -f -a "quality" -d 'Agreement per batch (Krippendorff\'s alpha) and each volunteer\'s reliability (Dawid–Skene\'s estimate of the share of their labels that are right)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from gold" -f -a "load" -d 'Load gold tasks: JSON lines {"task": {…}, "answer": {…}}, plain, gzip or bzip2. All or nothing; loading the same lines again changes nothing, a changed answer replaces the stored one'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from gold" -f -a "list" -d 'List a type\'s gold tasks with their expected answers'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from gold" -f -a "del" -d 'Delete gold tasks by id, or a whole batch of them, with the answers given to them'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "list" -d 'List achievement rules'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "show" -d 'Show one rule'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "add" -d 'Add a rule'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "edit" -d 'Change the given fields of a rule (volunteers who earned it keep it)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "del" -d 'Delete a rule (volunteers who earned it keep it in their history)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "import" -d 'Add or replace rules from a JSON file: one object, an array, or JSON lines (- for stdin)'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "export" -d 'Print every rule as JSON lines, as `import` reads them'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "simulate" -d 'Show who would earn a rule (stored ID, or a JSON FILE) on the work recorded so far'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from funds" -f -a "list" -d 'List funds'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from funds" -f -a "show" -d 'Show one fund'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from funds" -f -a "add" -d 'Add a fund'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from funds" -f -a "edit" -d 'Change the given fields of a fund'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from funds" -f -a "del" -d 'Delete a fund that received no donations'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from events" -f -a "list" -d 'A volunteer\'s events, oldest first: answers paid, achievements, levels, donations'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from state" -f -a "show" -d 'A volunteer\'s level, points, coins and achievements'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from state" -f -a "top" -d 'The top volunteers by one measure'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "list" -d 'The changes made with `vulyk` commands and the console, newest first'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "list" -d 'The webhooks of the configuration: name, address, events and retry settings'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "test" -d 'Queue a webhook.test event for a webhook and wait for a server to deliver it'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "deliveries" -d 'Deliveries, newest first'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "retry" -d 'Queue a delivery again (a dead one, say), its tries counted anew'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from plugin" -f -a "new" -d 'Make a new plugin in the plugins folder: plugin.toml, a template, a script, sample tasks and a README'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from plugin" -f -a "import" -d 'Turn a plugin package of the original Vulyk (models/task_types.py, templates/, static/) into a plugin folder, listing what cannot be carried over'
complete -c vulyk -n "__fish_vulyk_using_subcommand help; and __fish_seen_subcommand_from plugin" -f -a "check" -d 'Check a plugin folder: plugin.toml, its templates rendered, its sample tasks read'
