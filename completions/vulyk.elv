
use builtin;
use str;

set edit:completion:arg-completer[vulyk] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'vulyk'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'vulyk'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the default group with the task types every user may do, and put all users in it'
            cand task-type 'Task types (plugins) and their task counts'
            cand group 'Groups of users and the task types they may do'
            cand user 'Volunteers and operators'
            cand admin 'Who has admin rights'
            cand batch 'Batches of tasks'
            cand db 'Loading tasks and exporting answers'
            cand stats 'Progress of batches, recent work, and answer quality'
            cand gold 'Gold tasks: tasks with known answers that measure volunteers'' accuracy'
            cand rules 'Achievement rules: what volunteers earn badges and bonus points for'
            cand funds 'Funds volunteers may give their coins to'
            cand events 'What volunteers earned and gave, event by event'
            cand state 'Volunteers'' levels, points and coins'
            cand audit 'Who changed what: every change made with `vulyk` commands and the console'
            cand webhooks 'Webhooks: the ones configured, and their deliveries'
            cand plugin 'Make, import (from the original Vulyk) and check task-type plugins'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;init'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;task-type'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the task types: plugins, and types that have tasks but no plugin'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;task-type;list'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;task-type;help'= {
            cand list 'List the task types: plugins, and types that have tasks but no plugin'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;task-type;help;list'= {
        }
        &'vulyk;task-type;help;help'= {
        }
        &'vulyk;group'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List groups with their task types and number of members'
            cand add 'Create a group'
            cand del 'Delete a group (its members stay, without it)'
            cand assign 'Add a user (username or e-mail) to a group'
            cand resign 'Remove a user (username or e-mail) from a group'
            cand addtype 'Allow a group''s members to do a task type'
            cand deltype 'Stop allowing a group''s members to do a task type'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;group;list'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;group;add'= {
            cand --gid 'The original''s `--gid ID`'
            cand --description 'description'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;group;del'= {
            cand --gid 'The original''s `--gid ID`'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --yes 'Confirm the deletion'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;group;assign'= {
            cand --gid 'gid'
            cand --username 'username'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;group;resign'= {
            cand --gid 'gid'
            cand --username 'username'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;group;addtype'= {
            cand --gid 'gid'
            cand --task_type 'task_type'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;group;deltype'= {
            cand --gid 'gid'
            cand --task_type 'task_type'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;group;help'= {
            cand list 'List groups with their task types and number of members'
            cand add 'Create a group'
            cand del 'Delete a group (its members stay, without it)'
            cand assign 'Add a user (username or e-mail) to a group'
            cand resign 'Remove a user (username or e-mail) from a group'
            cand addtype 'Allow a group''s members to do a task type'
            cand deltype 'Stop allowing a group''s members to do a task type'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;group;help;list'= {
        }
        &'vulyk;group;help;add'= {
        }
        &'vulyk;group;help;del'= {
        }
        &'vulyk;group;help;assign'= {
        }
        &'vulyk;group;help;resign'= {
        }
        &'vulyk;group;help;addtype'= {
        }
        &'vulyk;group;help;deltype'= {
        }
        &'vulyk;group;help;help'= {
        }
        &'vulyk;user'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List users'
            cand add 'Create a user; they join the default group'
            cand show 'Show one user (by username or e-mail)'
            cand del 'Delete a user who has given no answers'
            cand passwd 'Set a user''s password for the volunteers'' site, read from standard input'
            cand token 'Manage a user''s API tokens for scripted clients'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;user;list'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;user;add'= {
            cand --email 'email'
            cand --name 'Display name'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --admin 'Give the user admin rights'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;user;show'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;user;del'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --yes 'Confirm the deletion'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;user;passwd'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --password-stdin 'Read the password from the first line of standard input (required: no prompts)'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;user;token'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand create 'Create a token for a user and print it on stdout (it is shown only this once)'
            cand list 'List a user''s tokens (ids and names; the secrets are not stored)'
            cand revoke 'Revoke one of a user''s tokens by its id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;user;token;create'= {
            cand --name 'What the token is for, shown by `list`'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;user;token;list'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;user;token;revoke'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;user;token;help'= {
            cand create 'Create a token for a user and print it on stdout (it is shown only this once)'
            cand list 'List a user''s tokens (ids and names; the secrets are not stored)'
            cand revoke 'Revoke one of a user''s tokens by its id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;user;token;help;create'= {
        }
        &'vulyk;user;token;help;list'= {
        }
        &'vulyk;user;token;help;revoke'= {
        }
        &'vulyk;user;token;help;help'= {
        }
        &'vulyk;user;help'= {
            cand list 'List users'
            cand add 'Create a user; they join the default group'
            cand show 'Show one user (by username or e-mail)'
            cand del 'Delete a user who has given no answers'
            cand passwd 'Set a user''s password for the volunteers'' site, read from standard input'
            cand token 'Manage a user''s API tokens for scripted clients'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;user;help;list'= {
        }
        &'vulyk;user;help;add'= {
        }
        &'vulyk;user;help;show'= {
        }
        &'vulyk;user;help;del'= {
        }
        &'vulyk;user;help;passwd'= {
        }
        &'vulyk;user;help;token'= {
            cand create 'Create a token for a user and print it on stdout (it is shown only this once)'
            cand list 'List a user''s tokens (ids and names; the secrets are not stored)'
            cand revoke 'Revoke one of a user''s tokens by its id'
        }
        &'vulyk;user;help;token;create'= {
        }
        &'vulyk;user;help;token;list'= {
        }
        &'vulyk;user;help;token;revoke'= {
        }
        &'vulyk;user;help;help'= {
        }
        &'vulyk;admin'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the users with admin rights'
            cand add 'Give a user (username or e-mail) admin rights'
            cand remove 'Take admin rights away from a user (username or e-mail)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;admin;list'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;admin;add'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;admin;remove'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;admin;help'= {
            cand list 'List the users with admin rights'
            cand add 'Give a user (username or e-mail) admin rights'
            cand remove 'Take admin rights away from a user (username or e-mail)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;admin;help;list'= {
        }
        &'vulyk;admin;help;add'= {
        }
        &'vulyk;admin;help;remove'= {
        }
        &'vulyk;admin;help;help'= {
        }
        &'vulyk;batch'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List batches in id order (the order they are handed out in)'
            cand show 'Show one batch with its meta'
            cand del 'Delete a batch and its tasks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;batch;list'= {
            cand --type 'Only batches of this task type'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;batch;show'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;batch;del'= {
            cand --bid 'The original''s `--bid ID`'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --purge 'Also delete the answers and work sessions of its tasks (without it, a batch with answers is refused)'
            cand --yes 'Confirm the deletion'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;batch;help'= {
            cand list 'List batches in id order (the order they are handed out in)'
            cand show 'Show one batch with its meta'
            cand del 'Delete a batch and its tasks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;batch;help;list'= {
        }
        &'vulyk;batch;help;show'= {
        }
        &'vulyk;batch;help;del'= {
        }
        &'vulyk;batch;help;help'= {
        }
        &'vulyk;db'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand load 'Load tasks from JSON-lines files (plain, gzip or bzip2, recognised by content)'
            cand export 'Export the answers of a task type (closed tasks unless --include-open)'
            cand cursors 'The named positions of incremental exports (db export --cursor)'
            cand backup 'Write a consistent snapshot of the whole store to a new SQLite file while the site keeps serving (a MongoDB store''s writes pause meanwhile; .gz/.bz2 names are compressed)'
            cand copy 'Copy everything a store holds into another, empty one (SQLite or MongoDB, either way), checked at the end by counting both and by a checksum of the tasks and answers; --resume goes on with a copy that stopped'
            cand upgrade 'Move an original Vulyk database to this version''s layout (until then it is only read)'
            cand downgrade 'Return an upgraded MongoDB database to the shape the original Vulyk runs on'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;db;load'= {
            cand --batch 'Batch to load into [default: default]'
            cand --meta 'Override a batch-meta default of the task type, for a new batch (the original''s `--meta KEY VALUE` works too)'
            cand --rejects 'File that receives the skipped lines verbatim'
            cand --chunk-lines 'Lines per store write (tuning; the default suits most loads)'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --extend 'Allow adding tasks to an existing batch other than default'
            cand --skip-invalid 'Skip lines that are not JSON objects instead of stopping (they go to --rejects)'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;db;export'= {
            cand -o 'Where to write; - for standard output. A name ending in .gz or .bz2 is compressed'
            cand --output 'Where to write; - for standard output. A name ending in .gz or .bz2 is compressed'
            cand --batch 'Only this batch (the original''s `__all__` means every batch)'
            cand --format 'jsonl: per task, the JSON array of its answers; csv: one row per answer'
            cand --aggregate 'Add the consensus of each task. majority (what a bare --aggregate adds): the most frequent answer and its share of the answers; dawid-skene: also the label Dawid–Skene estimates from volunteers'' reliability, with its probability'
            cand --since 'Only tasks that closed at or after TIME (RFC 3339, or a date: midnight UTC) and up to a minute ago; with --include-open, tasks whose newest answer came then'
            cand --cursor 'Only what is new since the last complete export with this cursor (everything, the first time); needs -o FILE; the cursor moves when the file is complete'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --all-batches 'Every batch of the type (what happens without --batch, said explicitly)'
            cand --include-open 'Also tasks that are still open (by default only closed tasks, whose answers are final)'
            cand --with-sessions 'Add each answer''s work session: start, end, duration and activity'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;db;cursors'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the cursors: the scope each follows and the time up to which it has exported'
            cand del 'Forget a cursor: an export with it takes everything again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;db;cursors;list'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;db;cursors;del'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;db;cursors;help'= {
            cand list 'List the cursors: the scope each follows and the time up to which it has exported'
            cand del 'Forget a cursor: an export with it takes everything again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;db;cursors;help;list'= {
        }
        &'vulyk;db;cursors;help;del'= {
        }
        &'vulyk;db;cursors;help;help'= {
        }
        &'vulyk;db;backup'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;db;copy'= {
            cand --from 'The store to copy from [default: the configured database, --db]'
            cand --to 'The store to copy into: a new SQLite file, or an empty store'
            cand --page-rows 'Rows per page read and written (tuning; the default suits most stores)'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --resume 'Go on with a copy into --to that stopped before it finished (from the same source)'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;db;upgrade'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --yes 'Confirm: the original Vulyk does not run on the database again until `db downgrade`'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;db;downgrade'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --yes 'Confirm: what the original has no place for (API tokens, sign-in identities, sessions, our counters) is dropped'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;db;help'= {
            cand load 'Load tasks from JSON-lines files (plain, gzip or bzip2, recognised by content)'
            cand export 'Export the answers of a task type (closed tasks unless --include-open)'
            cand cursors 'The named positions of incremental exports (db export --cursor)'
            cand backup 'Write a consistent snapshot of the whole store to a new SQLite file while the site keeps serving (a MongoDB store''s writes pause meanwhile; .gz/.bz2 names are compressed)'
            cand copy 'Copy everything a store holds into another, empty one (SQLite or MongoDB, either way), checked at the end by counting both and by a checksum of the tasks and answers; --resume goes on with a copy that stopped'
            cand upgrade 'Move an original Vulyk database to this version''s layout (until then it is only read)'
            cand downgrade 'Return an upgraded MongoDB database to the shape the original Vulyk runs on'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;db;help;load'= {
        }
        &'vulyk;db;help;export'= {
        }
        &'vulyk;db;help;cursors'= {
            cand list 'List the cursors: the scope each follows and the time up to which it has exported'
            cand del 'Forget a cursor: an export with it takes everything again'
        }
        &'vulyk;db;help;cursors;list'= {
        }
        &'vulyk;db;help;cursors;del'= {
        }
        &'vulyk;db;help;backup'= {
        }
        &'vulyk;db;help;copy'= {
        }
        &'vulyk;db;help;upgrade'= {
        }
        &'vulyk;db;help;downgrade'= {
        }
        &'vulyk;db;help;help'= {
        }
        &'vulyk;stats'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand batch 'Per batch: tasks, closed tasks, answers, and how many tasks have how many answers'
            cand overview 'Per task type and batch: tasks, answers, live hand-outs, volunteers, answers per hour over 48 hours and time per task'
            cand leaders 'The volunteers with the most answers of a task type, densely ranked'
            cand quality 'Agreement per batch (Krippendorff''s alpha) and each volunteer''s reliability (Dawid–Skene''s estimate of the share of their labels that are right)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;stats;batch'= {
            cand -n 'Only this batch'
            cand --batch 'Only this batch'
            cand -t 'Only batches of this task type'
            cand --type 'Only batches of this task type'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;stats;overview'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;stats;leaders'= {
            cand --limit 'How many distinct answer counts to show (ties share a rank)'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;stats;quality'= {
            cand --batch 'Only this batch'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;stats;help'= {
            cand batch 'Per batch: tasks, closed tasks, answers, and how many tasks have how many answers'
            cand overview 'Per task type and batch: tasks, answers, live hand-outs, volunteers, answers per hour over 48 hours and time per task'
            cand leaders 'The volunteers with the most answers of a task type, densely ranked'
            cand quality 'Agreement per batch (Krippendorff''s alpha) and each volunteer''s reliability (Dawid–Skene''s estimate of the share of their labels that are right)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;stats;help;batch'= {
        }
        &'vulyk;stats;help;overview'= {
        }
        &'vulyk;stats;help;leaders'= {
        }
        &'vulyk;stats;help;quality'= {
        }
        &'vulyk;stats;help;help'= {
        }
        &'vulyk;gold'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand load 'Load gold tasks: JSON lines {"task": {…}, "answer": {…}}, plain, gzip or bzip2. All or nothing; loading the same lines again changes nothing, a changed answer replaces the stored one'
            cand list 'List a type''s gold tasks with their expected answers'
            cand del 'Delete gold tasks by id, or a whole batch of them, with the answers given to them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;gold;load'= {
            cand --batch 'A name to list and delete them by'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;gold;list'= {
            cand --batch 'Only this batch'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;gold;del'= {
            cand --batch 'Every gold task of this batch'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;gold;help'= {
            cand load 'Load gold tasks: JSON lines {"task": {…}, "answer": {…}}, plain, gzip or bzip2. All or nothing; loading the same lines again changes nothing, a changed answer replaces the stored one'
            cand list 'List a type''s gold tasks with their expected answers'
            cand del 'Delete gold tasks by id, or a whole batch of them, with the answers given to them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;gold;help;load'= {
        }
        &'vulyk;gold;help;list'= {
        }
        &'vulyk;gold;help;del'= {
        }
        &'vulyk;gold;help;help'= {
        }
        &'vulyk;rules'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List achievement rules'
            cand show 'Show one rule'
            cand add 'Add a rule'
            cand edit 'Change the given fields of a rule (volunteers who earned it keep it)'
            cand del 'Delete a rule (volunteers who earned it keep it in their history)'
            cand import 'Add or replace rules from a JSON file: one object, an array, or JSON lines (- for stdin)'
            cand export 'Print every rule as JSON lines, as `import` reads them'
            cand simulate 'Show who would earn a rule (stored ID, or a JSON FILE) on the work recorded so far'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;rules;list'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;rules;show'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;rules;add'= {
            cand --name 'Unique name shown to volunteers'
            cand --badge 'Badge image: a URL or a data URI'
            cand --description 'description'
            cand --bonus 'Extra points paid when the rule is earned'
            cand --tasks 'Finished tasks needed (within --days when given)'
            cand --days 'Days with work needed (or the window for --tasks; weekends with --weekend)'
            cand --task-type 'Only work of this task type counts'
            cand --id 'Rule id [default: derived from the name and task type]'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --weekend 'Count only work on Saturdays and Sundays'
            cand --adjacent 'The days (or weekends) must be consecutive, ending today'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;rules;edit'= {
            cand --name 'name'
            cand --badge 'badge'
            cand --description 'description'
            cand --bonus 'bonus'
            cand --tasks 'tasks'
            cand --days 'days'
            cand --weekend 'weekend'
            cand --adjacent 'adjacent'
            cand --task-type 'Task type, or an empty value for every type'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;rules;del'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --yes 'Confirm the deletion'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;rules;import'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;rules;export'= {
            cand -o 'Write to this file instead of standard output'
            cand --output 'Write to this file instead of standard output'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;rules;simulate'= {
            cand --user 'Only this volunteer (username or e-mail)'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;rules;help'= {
            cand list 'List achievement rules'
            cand show 'Show one rule'
            cand add 'Add a rule'
            cand edit 'Change the given fields of a rule (volunteers who earned it keep it)'
            cand del 'Delete a rule (volunteers who earned it keep it in their history)'
            cand import 'Add or replace rules from a JSON file: one object, an array, or JSON lines (- for stdin)'
            cand export 'Print every rule as JSON lines, as `import` reads them'
            cand simulate 'Show who would earn a rule (stored ID, or a JSON FILE) on the work recorded so far'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;rules;help;list'= {
        }
        &'vulyk;rules;help;show'= {
        }
        &'vulyk;rules;help;add'= {
        }
        &'vulyk;rules;help;edit'= {
        }
        &'vulyk;rules;help;del'= {
        }
        &'vulyk;rules;help;import'= {
        }
        &'vulyk;rules;help;export'= {
        }
        &'vulyk;rules;help;simulate'= {
        }
        &'vulyk;rules;help;help'= {
        }
        &'vulyk;funds'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List funds'
            cand show 'Show one fund'
            cand add 'Add a fund'
            cand edit 'Change the given fields of a fund'
            cand del 'Delete a fund that received no donations'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;funds;list'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --donatable 'Only funds that take donations'
            cand --non-donatable 'Only funds that do not'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;funds;show'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;funds;add'= {
            cand --name 'name'
            cand --description 'HTML allowed'
            cand --site 'site'
            cand --email 'email'
            cand --logo 'A PNG, JPEG or WebP image of at most 512 KiB'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --donatable 'Volunteers may give coins to it'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;funds;edit'= {
            cand --name 'name'
            cand --description 'description'
            cand --site 'New site, or an empty value for none'
            cand --email 'New e-mail address, or an empty value for none'
            cand --donatable 'donatable'
            cand --logo 'Replace the logo with this image'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --no-logo 'Remove the logo'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;funds;del'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --yes 'Confirm the deletion'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;funds;help'= {
            cand list 'List funds'
            cand show 'Show one fund'
            cand add 'Add a fund'
            cand edit 'Change the given fields of a fund'
            cand del 'Delete a fund that received no donations'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;funds;help;list'= {
        }
        &'vulyk;funds;help;show'= {
        }
        &'vulyk;funds;help;add'= {
        }
        &'vulyk;funds;help;edit'= {
        }
        &'vulyk;funds;help;del'= {
        }
        &'vulyk;funds;help;help'= {
        }
        &'vulyk;events'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'A volunteer''s events, oldest first: answers paid, achievements, levels, donations'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;events;list'= {
            cand --user 'Username or e-mail'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --unseen 'Only those the volunteer has not seen yet'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;events;help'= {
            cand list 'A volunteer''s events, oldest first: answers paid, achievements, levels, donations'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;events;help;list'= {
        }
        &'vulyk;events;help;help'= {
        }
        &'vulyk;state'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand show 'A volunteer''s level, points, coins and achievements'
            cand top 'The top volunteers by one measure'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;state;show'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;state;top'= {
            cand --by 'points, actual_coins, potential_coins or level'
            cand --limit 'limit'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;state;help'= {
            cand show 'A volunteer''s level, points, coins and achievements'
            cand top 'The top volunteers by one measure'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;state;help;show'= {
        }
        &'vulyk;state;help;top'= {
        }
        &'vulyk;state;help;help'= {
        }
        &'vulyk;audit'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'The changes made with `vulyk` commands and the console, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;audit;list'= {
            cand --since 'Only changes at or after TIME (RFC 3339, or a date: its midnight UTC)'
            cand --user 'Only changes made by this operating-system user'
            cand --limit 'At most this many'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;audit;help'= {
            cand list 'The changes made with `vulyk` commands and the console, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;audit;help;list'= {
        }
        &'vulyk;audit;help;help'= {
        }
        &'vulyk;webhooks'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'The webhooks of the configuration: name, address, events and retry settings'
            cand test 'Queue a webhook.test event for a webhook and wait for a server to deliver it'
            cand deliveries 'Deliveries, newest first'
            cand retry 'Queue a delivery again (a dead one, say), its tries counted anew'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;webhooks;list'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;webhooks;test'= {
            cand --wait 'How long to wait for the outcome, in seconds (0: only queue it)'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;webhooks;deliveries'= {
            cand --limit 'At most this many'
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --failed 'Only those whose last try failed (dead, or waiting for another try)'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;webhooks;retry'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;webhooks;help'= {
            cand list 'The webhooks of the configuration: name, address, events and retry settings'
            cand test 'Queue a webhook.test event for a webhook and wait for a server to deliver it'
            cand deliveries 'Deliveries, newest first'
            cand retry 'Queue a delivery again (a dead one, say), its tries counted anew'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;webhooks;help;list'= {
        }
        &'vulyk;webhooks;help;test'= {
        }
        &'vulyk;webhooks;help;deliveries'= {
        }
        &'vulyk;webhooks;help;retry'= {
        }
        &'vulyk;webhooks;help;help'= {
        }
        &'vulyk;plugin'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand new 'Make a new plugin in the plugins folder: plugin.toml, a template, a script, sample tasks and a README'
            cand import 'Turn a plugin package of the original Vulyk (models/task_types.py, templates/, static/) into a plugin folder, listing what cannot be carried over'
            cand check 'Check a plugin folder: plugin.toml, its templates rendered, its sample tasks read'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;plugin;new'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --gamified 'Volunteers earn points and coins for its tasks'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;plugin;import'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;plugin;check'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;plugin;help'= {
            cand new 'Make a new plugin in the plugins folder: plugin.toml, a template, a script, sample tasks and a README'
            cand import 'Turn a plugin package of the original Vulyk (models/task_types.py, templates/, static/) into a plugin folder, listing what cannot be carried over'
            cand check 'Check a plugin folder: plugin.toml, its templates rendered, its sample tasks read'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;plugin;help;new'= {
        }
        &'vulyk;plugin;help;import'= {
        }
        &'vulyk;plugin;help;check'= {
        }
        &'vulyk;plugin;help;help'= {
        }
        &'vulyk;completions'= {
            cand --db 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]'
            cand --plugins 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]'
            cand --config 'Configuration file [default: ./vulyk.toml when present]'
            cand --json 'Print results as JSON instead of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'vulyk;help'= {
            cand init 'Create the default group with the task types every user may do, and put all users in it'
            cand task-type 'Task types (plugins) and their task counts'
            cand group 'Groups of users and the task types they may do'
            cand user 'Volunteers and operators'
            cand admin 'Who has admin rights'
            cand batch 'Batches of tasks'
            cand db 'Loading tasks and exporting answers'
            cand stats 'Progress of batches, recent work, and answer quality'
            cand gold 'Gold tasks: tasks with known answers that measure volunteers'' accuracy'
            cand rules 'Achievement rules: what volunteers earn badges and bonus points for'
            cand funds 'Funds volunteers may give their coins to'
            cand events 'What volunteers earned and gave, event by event'
            cand state 'Volunteers'' levels, points and coins'
            cand audit 'Who changed what: every change made with `vulyk` commands and the console'
            cand webhooks 'Webhooks: the ones configured, and their deliveries'
            cand plugin 'Make, import (from the original Vulyk) and check task-type plugins'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vulyk;help;init'= {
        }
        &'vulyk;help;task-type'= {
            cand list 'List the task types: plugins, and types that have tasks but no plugin'
        }
        &'vulyk;help;task-type;list'= {
        }
        &'vulyk;help;group'= {
            cand list 'List groups with their task types and number of members'
            cand add 'Create a group'
            cand del 'Delete a group (its members stay, without it)'
            cand assign 'Add a user (username or e-mail) to a group'
            cand resign 'Remove a user (username or e-mail) from a group'
            cand addtype 'Allow a group''s members to do a task type'
            cand deltype 'Stop allowing a group''s members to do a task type'
        }
        &'vulyk;help;group;list'= {
        }
        &'vulyk;help;group;add'= {
        }
        &'vulyk;help;group;del'= {
        }
        &'vulyk;help;group;assign'= {
        }
        &'vulyk;help;group;resign'= {
        }
        &'vulyk;help;group;addtype'= {
        }
        &'vulyk;help;group;deltype'= {
        }
        &'vulyk;help;user'= {
            cand list 'List users'
            cand add 'Create a user; they join the default group'
            cand show 'Show one user (by username or e-mail)'
            cand del 'Delete a user who has given no answers'
            cand passwd 'Set a user''s password for the volunteers'' site, read from standard input'
            cand token 'Manage a user''s API tokens for scripted clients'
        }
        &'vulyk;help;user;list'= {
        }
        &'vulyk;help;user;add'= {
        }
        &'vulyk;help;user;show'= {
        }
        &'vulyk;help;user;del'= {
        }
        &'vulyk;help;user;passwd'= {
        }
        &'vulyk;help;user;token'= {
            cand create 'Create a token for a user and print it on stdout (it is shown only this once)'
            cand list 'List a user''s tokens (ids and names; the secrets are not stored)'
            cand revoke 'Revoke one of a user''s tokens by its id'
        }
        &'vulyk;help;user;token;create'= {
        }
        &'vulyk;help;user;token;list'= {
        }
        &'vulyk;help;user;token;revoke'= {
        }
        &'vulyk;help;admin'= {
            cand list 'List the users with admin rights'
            cand add 'Give a user (username or e-mail) admin rights'
            cand remove 'Take admin rights away from a user (username or e-mail)'
        }
        &'vulyk;help;admin;list'= {
        }
        &'vulyk;help;admin;add'= {
        }
        &'vulyk;help;admin;remove'= {
        }
        &'vulyk;help;batch'= {
            cand list 'List batches in id order (the order they are handed out in)'
            cand show 'Show one batch with its meta'
            cand del 'Delete a batch and its tasks'
        }
        &'vulyk;help;batch;list'= {
        }
        &'vulyk;help;batch;show'= {
        }
        &'vulyk;help;batch;del'= {
        }
        &'vulyk;help;db'= {
            cand load 'Load tasks from JSON-lines files (plain, gzip or bzip2, recognised by content)'
            cand export 'Export the answers of a task type (closed tasks unless --include-open)'
            cand cursors 'The named positions of incremental exports (db export --cursor)'
            cand backup 'Write a consistent snapshot of the whole store to a new SQLite file while the site keeps serving (a MongoDB store''s writes pause meanwhile; .gz/.bz2 names are compressed)'
            cand copy 'Copy everything a store holds into another, empty one (SQLite or MongoDB, either way), checked at the end by counting both and by a checksum of the tasks and answers; --resume goes on with a copy that stopped'
            cand upgrade 'Move an original Vulyk database to this version''s layout (until then it is only read)'
            cand downgrade 'Return an upgraded MongoDB database to the shape the original Vulyk runs on'
        }
        &'vulyk;help;db;load'= {
        }
        &'vulyk;help;db;export'= {
        }
        &'vulyk;help;db;cursors'= {
            cand list 'List the cursors: the scope each follows and the time up to which it has exported'
            cand del 'Forget a cursor: an export with it takes everything again'
        }
        &'vulyk;help;db;cursors;list'= {
        }
        &'vulyk;help;db;cursors;del'= {
        }
        &'vulyk;help;db;backup'= {
        }
        &'vulyk;help;db;copy'= {
        }
        &'vulyk;help;db;upgrade'= {
        }
        &'vulyk;help;db;downgrade'= {
        }
        &'vulyk;help;stats'= {
            cand batch 'Per batch: tasks, closed tasks, answers, and how many tasks have how many answers'
            cand overview 'Per task type and batch: tasks, answers, live hand-outs, volunteers, answers per hour over 48 hours and time per task'
            cand leaders 'The volunteers with the most answers of a task type, densely ranked'
            cand quality 'Agreement per batch (Krippendorff''s alpha) and each volunteer''s reliability (Dawid–Skene''s estimate of the share of their labels that are right)'
        }
        &'vulyk;help;stats;batch'= {
        }
        &'vulyk;help;stats;overview'= {
        }
        &'vulyk;help;stats;leaders'= {
        }
        &'vulyk;help;stats;quality'= {
        }
        &'vulyk;help;gold'= {
            cand load 'Load gold tasks: JSON lines {"task": {…}, "answer": {…}}, plain, gzip or bzip2. All or nothing; loading the same lines again changes nothing, a changed answer replaces the stored one'
            cand list 'List a type''s gold tasks with their expected answers'
            cand del 'Delete gold tasks by id, or a whole batch of them, with the answers given to them'
        }
        &'vulyk;help;gold;load'= {
        }
        &'vulyk;help;gold;list'= {
        }
        &'vulyk;help;gold;del'= {
        }
        &'vulyk;help;rules'= {
            cand list 'List achievement rules'
            cand show 'Show one rule'
            cand add 'Add a rule'
            cand edit 'Change the given fields of a rule (volunteers who earned it keep it)'
            cand del 'Delete a rule (volunteers who earned it keep it in their history)'
            cand import 'Add or replace rules from a JSON file: one object, an array, or JSON lines (- for stdin)'
            cand export 'Print every rule as JSON lines, as `import` reads them'
            cand simulate 'Show who would earn a rule (stored ID, or a JSON FILE) on the work recorded so far'
        }
        &'vulyk;help;rules;list'= {
        }
        &'vulyk;help;rules;show'= {
        }
        &'vulyk;help;rules;add'= {
        }
        &'vulyk;help;rules;edit'= {
        }
        &'vulyk;help;rules;del'= {
        }
        &'vulyk;help;rules;import'= {
        }
        &'vulyk;help;rules;export'= {
        }
        &'vulyk;help;rules;simulate'= {
        }
        &'vulyk;help;funds'= {
            cand list 'List funds'
            cand show 'Show one fund'
            cand add 'Add a fund'
            cand edit 'Change the given fields of a fund'
            cand del 'Delete a fund that received no donations'
        }
        &'vulyk;help;funds;list'= {
        }
        &'vulyk;help;funds;show'= {
        }
        &'vulyk;help;funds;add'= {
        }
        &'vulyk;help;funds;edit'= {
        }
        &'vulyk;help;funds;del'= {
        }
        &'vulyk;help;events'= {
            cand list 'A volunteer''s events, oldest first: answers paid, achievements, levels, donations'
        }
        &'vulyk;help;events;list'= {
        }
        &'vulyk;help;state'= {
            cand show 'A volunteer''s level, points, coins and achievements'
            cand top 'The top volunteers by one measure'
        }
        &'vulyk;help;state;show'= {
        }
        &'vulyk;help;state;top'= {
        }
        &'vulyk;help;audit'= {
            cand list 'The changes made with `vulyk` commands and the console, newest first'
        }
        &'vulyk;help;audit;list'= {
        }
        &'vulyk;help;webhooks'= {
            cand list 'The webhooks of the configuration: name, address, events and retry settings'
            cand test 'Queue a webhook.test event for a webhook and wait for a server to deliver it'
            cand deliveries 'Deliveries, newest first'
            cand retry 'Queue a delivery again (a dead one, say), its tries counted anew'
        }
        &'vulyk;help;webhooks;list'= {
        }
        &'vulyk;help;webhooks;test'= {
        }
        &'vulyk;help;webhooks;deliveries'= {
        }
        &'vulyk;help;webhooks;retry'= {
        }
        &'vulyk;help;plugin'= {
            cand new 'Make a new plugin in the plugins folder: plugin.toml, a template, a script, sample tasks and a README'
            cand import 'Turn a plugin package of the original Vulyk (models/task_types.py, templates/, static/) into a plugin folder, listing what cannot be carried over'
            cand check 'Check a plugin folder: plugin.toml, its templates rendered, its sample tasks read'
        }
        &'vulyk;help;plugin;new'= {
        }
        &'vulyk;help;plugin;import'= {
        }
        &'vulyk;help;plugin;check'= {
        }
        &'vulyk;help;completions'= {
        }
        &'vulyk;help;help'= {
        }
    ]
    $completions[$command]
}
