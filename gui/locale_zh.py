"""Simplified Chinese (简体中文) for every English string the user can see.

Terms follow ../shared/glossary-zh.md.  Keys are the exact English source
strings (templates keep their ``{placeholders}``); tests check that every
``tr()``/``N_()`` string in the code is here.
"""

CATALOG: dict[str, str] = {
    # Window and menus (gui/app.py)
    "SockLab — a socket workbench.\n\nStart a server in one tab, connect a client in another, and watch "
    "every byte that goes between them over TCP or UDP.":
        "SockLab——套接字工作台。\n\n在一个标签页中启动服务器，在另一个标签页中连接客户端，"
        "就能看到它们之间通过 TCP 或 UDP 传输的每一个字节。",
    "File": "文件",
    "Save log…": "保存日志…",
    "Save received data to file…": "接收转存文件…",
    "Stop saving received data": "停止接收转存",
    "Quit": "退出",
    "View": "视图",
    "Language": "语言",
    "Theme": "主题",
    "Light": "浅色",
    "Dark": "深色",
    "Help": "帮助",
    "About SockLab": "关于 SockLab",
    "Save log": "保存日志",
    "Save received data to file": "接收转存文件",
    "Text files": "文本文件",
    "All files": "所有文件",
    "Saved {count} log entries to {path}.": "已将 {count} 条日志保存到 {path}。",
    "Could not save the log: {reason}": "无法保存日志：{reason}",
    "Internal error (please report it): {error}": "内部错误（请报告此问题）：{error}",

    # Tab titles and the address form (gui/tab_base.py, gui/tabs/)
    "TCP server": "TCP 服务器",
    "TCP client": "TCP 客户端",
    "UDP server": "UDP 服务器",
    "UDP client": "UDP 客户端",
    "Host:": "主机：",
    "Server host:": "服务器主机：",
    "Target host:": "目标主机：",
    "Port:": "端口：",
    "Local port (0 = any):": "本地端口（0 = 任意）：",
    "Max clients:": "最大客户端数：",
    "Start listening": "开始监听",
    "Stop listening": "停止监听",
    "Connect": "连接",
    "Disconnect": "断开",
    "Open": "打开",
    "Close": "关闭",
    "Warning: {host} opens this port to the network, so other computers can connect. Use 127.0.0.1 to stay "
    "on this computer.":
        "警告：{host} 会把这个端口开放给网络，其他电脑也能连接进来。如果只在本机使用，请填写 127.0.0.1。",

    # Client and sender lists (gui/peer_list.py, server tabs)
    "Client list": "客户端列表",
    "Senders": "发送方列表",
    "Address": "地址",
    "Received (B)": "已接收字节",
    "Sent (B)": "已发送字节",
    "Send to all": "发送给全部",
    "Send to selected": "发送给选中",
    "Disconnect selected": "断开选中",
    "Reply to last sender": "回复最后一个发送方",
    "Reply to selected": "回复选中",
    "Select a client in the list first.": "请先在列表中选择一个客户端。",
    "Select a sender in the list first.": "请先在列表中选择一个发送方。",

    # Status line and connection messages in the log (gui/tab_base.py, gui/tabs/)
    "Stopped": "已停止",
    "Starting…": "正在启动…",
    "Running": "运行中",
    "Stopping…": "正在停止…",
    "Listening on {address}.": "正在监听 {address}。",
    "Connected to {remote} from {local}.": "已连接到 {remote}（本地地址 {local}）。",
    "Ready: datagrams go from {local} to {remote}.": "已就绪：数据报将从 {local} 发往 {remote}。",
    "{peer} connected.": "{peer} 已连接。",
    "{peer} closed the connection.": "{peer} 关闭了连接。",
    "Disconnected {peer}.": "已断开与 {peer} 的连接。",
    "Closed the connection to {peer}: this side stopped.": "已关闭与 {peer} 的连接：本端已停止。",
    "The connection to {peer} was reset.": "与 {peer} 的连接被对方重置。",
    "The connection to {peer} ended.": "与 {peer} 的连接已结束。",
    "{count} more datagrams arrived at once: counted, not shown.":
        "同一时间又收到 {count} 个数据报：已计入统计，但没有显示。",
    "Stopped.": "已停止。",

    # Save received data to file, 接收转存文件 (gui/tab_base.py)
    "Saving every byte received from now on to {path}.": "从现在起，收到的每个字节都会转存到 {path}。",
    "Stopped saving received data: {size} B are in {path}.": "已停止接收转存：{path} 中共有 {size} 字节。",
    "Cannot write to {path}: {reason}": "无法写入 {path}：{reason}",

    # Log (gui/log_view.py)
    "Text": "文本",
    "Hex": "十六进制",
    "Text + hex": "文本+十六进制",
    "Show timestamps": "显示时间戳",
    "Clear": "清空",
    "… (cut here: the rest is not shown)": "…（在此截断：其余内容未显示）",
    "({count} older entries were dropped from the on-screen log.)":
        "（屏幕上的日志已丢弃 {count} 条较早的记录。）",

    # Send box (gui/send_box.py)
    "Send as:": "发送格式：",
    "Escapes (\\n \\xNN)": "转义文本（\\n \\xNN）",
    "Encoding:": "编码：",
    "Line ending:": "换行符：",
    "None": "无",
    "Send": "发送",
    "Type a message and press Enter to send it.": "输入消息，按回车键发送。",
    "Hex bytes, e.g. 48 65 6C 6C 6F or 0x48,0x65 — spaces, commas, colons and dashes are ignored.":
        "十六进制字节，例如 48 65 6C 6C 6F 或 0x48,0x65——空格、逗号、冒号和短横线会被忽略。",
    "Text where \\n, \\r, \\t, \\\\ and \\xNN stand for special bytes.":
        "文本中的 \\n、\\r、\\t、\\\\ 和 \\xNN 表示特殊字节。",
    "There is nothing to send: type a message first.": "没有要发送的内容：请先输入消息。",

    # Host and port input (netcore/addresses.py)
    "The port must be a whole number from 0 to 65535 (you typed “{text}”).":
        "端口必须是 0 到 65535 之间的整数（你输入的是“{text}”）。",
    "Port 0 cannot be reached: type the port the other side is listening on (1 to 65535).":
        "无法连接到端口 0：请输入对方正在监听的端口（1 到 65535）。",
    "Type a host name or an IP address, for example 127.0.0.1.": "请输入主机名或 IP 地址，例如 127.0.0.1。",
    "“{text}” is not a valid host name or IP address.": "“{text}”不是有效的主机名或 IP 地址。",
    "Unix socket paths are not supported on this system.": "此系统不支持 Unix 套接字路径。",

    # Hex, escapes and encodings in the send box (netcore/codec.py); {position} counts characters from 1
    "“{char}” at position {position} is not a hex digit. Use only 0–9 and A–F, with spaces between bytes, "
    "for example: 48 65 6C 6C 6F.":
        "第 {position} 个字符“{char}”不是十六进制数字。只能使用 0–9 和 A–F，字节之间用空格隔开，例如："
        "48 65 6C 6C 6F。",
    "“{token}” at position {position} has no hex digits after it. Write the byte after the prefix, for "
    "example 0x41, or delete the prefix.":
        "第 {position} 个字符处的“{token}”后面没有十六进制数字。请在前缀后面写上字节，例如 0x41，"
        "或者删掉这个前缀。",
    "“{token}” at position {position} has {count} hex digits, but every byte needs two. Add a leading 0 or "
    "put spaces between the bytes, for example 01 23 instead of 123.":
        "第 {position} 个字符处的“{token}”有 {count} 个十六进制数字，但每个字节需要两个。请在前面补 0，"
        "或者在字节之间加空格，例如用 01 23 代替 123。",
    "“{escape}” at position {position} is not a known escape. Known escapes: {known}. To send a backslash "
    "itself, write {backslash}.":
        "第 {position} 个字符处的“{escape}”不是可识别的转义序列。可用的转义序列：{known}。要发送反斜杠本身，"
        "请写 {backslash}。",
    "“{escape}” at position {position} is incomplete: {x} must be followed by exactly two hex digits, for "
    "example {example}.":
        "第 {position} 个字符处的“{escape}”不完整：{x} 后面必须正好跟两个十六进制数字，例如 {example}。",
    "The backslash at position {position} ends the text, so it escapes nothing. To send a backslash itself, "
    "write {backslash}.":
        "第 {position} 个字符是末尾的反斜杠，后面没有可以转义的内容。要发送反斜杠本身，请写 {backslash}。",
    "“{char}” at position {position} cannot be written in {encoding}. Choose another encoding (UTF-8 can "
    "write every character) or send the bytes as hex.":
        "第 {position} 个字符“{char}”无法用 {encoding} 编码表示。请换一种编码（UTF-8 可以表示所有字符），"
        "或者改用十六进制发送。",
    "“{encoding}” is not a known text encoding. Choose one of: {choices}.":
        "“{encoding}”不是已知的文本编码。请从以下编码中选择：{choices}。",

    # Network errors (netcore/errors.py, netcore/stream.py)
    "Nobody is listening on {address} — is the server started?":
        "{address} 上没有程序在监听——服务器启动了吗？",
    "Port {port} on {host} is already in use by another program (or another tab). Stop that program or "
    "choose another port.":
        "{host} 上的端口 {port} 已被其他程序（或另一个标签页）占用。请关闭那个程序，或者换一个端口。",
    "Permission denied for port {port}: ports below 1024 are reserved for the system. Use a port from 1024 "
    "to 65535.":
        "权限不足，无法使用端口 {port}：1024 以下的端口是系统保留端口。请使用 1024 到 65535 之间的端口。",
    "Permission denied while trying to {action} {address}.": "权限不足，无法{action}（{address}）。",
    "{host} is not an address of this computer, so nothing can listen on it. Use 127.0.0.1 (this computer "
    "only) or 0.0.0.0 (all networks).":
        "{host} 不是本机的地址，所以无法在上面监听。请使用 127.0.0.1（仅限本机）或 0.0.0.0（所有网络）。",
    "Cannot find the host “{host}”: check the spelling, or use an IP address such as 127.0.0.1.":
        "找不到主机“{host}”：请检查拼写，或者改用 IP 地址，例如 127.0.0.1。",
    "No answer from {address} within {seconds} s: the host may be off, or a firewall may drop the "
    "connection.":
        "{address} 在 {seconds} 秒内没有响应（超时）：对方主机可能没有开机，或者连接被防火墙拦截了。",
    "The connection to {address} was reset: the other side closed it abruptly or crashed.":
        "与 {address} 的连接被对方重置：对方突然关闭了连接，或者程序崩溃了。",
    "{address} has already closed the connection, so the data could not be sent.":
        "{address} 已经关闭了连接，所以数据没能发送出去。",
    "The datagram is too large: {size} bytes, but one UDP datagram can carry at most {limit} bytes.":
        "数据报过长：有 {size} 字节，但一个 UDP 数据报最多只能携带 {limit} 字节。",
    "{address} cannot be reached: check the address and the network.":
        "无法到达 {address}：请检查地址和网络。",
    "Too many connections or files are open: the system limit is reached. Close some and try again.":
        "打开的连接或文件太多，已达到系统上限。请关闭一些后再试。",
    "Could not {action} {address}: {reason}": "无法{action}（{address}）：{reason}",
    "connect to": "连接",
    "listen on": "监听",
    "bind to": "绑定地址",
    "send to": "发送数据",
    "receive from": "接收数据",
    "{address} is not reading fast enough: {size} bytes are still waiting to be sent. This message was not "
    "sent; try again later.":
        "{address} 读取数据太慢：还有 {size} 字节在等待发送。这条消息没有发送，请稍后再试。",

    # Endpoints (netcore/endpoint.py, netcore/tcp_*.py, netcore/udp_*.py)
    "Already started: stop it first.": "已经启动：请先停止。",
    "Stopped before it was ready.": "还没准备就绪就被停止了。",
    "Not started yet: press Start listening, Connect or Open first.":
        "还没有启动：请先点击“开始监听”、“连接”或“打开”。",
    "Unexpected internal error; this tab’s socket was closed: {detail}":
        "发生意外的内部错误，本页的套接字已关闭：{detail}",
    "No client is connected, so there is nobody to send to.": "还没有客户端连接，没有可以发送的对象。",
    "{address} is no longer connected.": "{address} 已经断开连接。",
    "{address} was turned away: the limit of {limit} clients is reached.":
        "已拒绝 {address} 的连接：已达到最大客户端数（{limit} 个）。",
    "The client limit must be a whole number from 1 to 100000.":
        "最大客户端数必须是 1 到 100000 之间的整数。",
    "Nobody is listening on {address}: the datagram was refused (the other side answered “port "
    "unreachable”). Is the server started?":
        "{address} 上没有程序在监听：数据报被拒收（对方回复“端口不可达”）。服务器启动了吗？",
    "Nobody has sent a datagram to this server yet, so there is no address to reply to.":
        "还没有人向这个服务器发送过数据报，所以没有可以回复的地址。",

    # netcore, second pass: arguments, lookups, half-close, flow control
    "The host must be text such as 127.0.0.1 or localhost, not {kind}.":
        "主机必须是文本，例如 127.0.0.1 或 localhost，而不是 {kind}。",
    "This computer cannot open {family} sockets (the protocol is switched off or missing).":
        "这台计算机无法打开 {family} 套接字（该协议已关闭或不可用）。",
    "{host} is an {family} address, but this socket only speaks {other}: use an {other} address, "
    "or start the server on an address of that family.":
        "{host} 是 {family} 地址，但这个套接字只支持 {other}：请使用 {other} 地址，"
        "或者在该地址族的地址上启动服务器。",
    "The name server did not answer for “{host}” (a temporary failure): check the network, then try again.":
        "域名服务器没有回答“{host}”的查询（暂时性故障）：请检查网络后重试。",
    "“{host}” exists but has no address of a kind SockLab can use.":
        "“{host}”存在，但没有 SockLab 可以使用的地址。",
    "Looking up “{host}” failed: {reason}": "查找“{host}”失败：{reason}",
    "Cannot connect to {address}: this computer has no free local address or port for it "
    "(too many connections are open, or an IPv6 link-local address needs its %interface).":
        "无法连接到 {address}：这台计算机没有可用的本地地址或端口"
        "（打开的连接太多，或者 IPv6 链路本地地址需要加上 %网卡名）。",
    "The Unix socket path is too long: {size} bytes, but this system allows at most {limit}. "
    "Use a shorter path, for example in /tmp.":
        "Unix 套接字路径太长：{size} 字节，而这个系统最多允许 {limit} 字节。"
        "请使用更短的路径，例如放在 /tmp 下。",
    "{size} bytes queued for {address} could not be sent before the connection closed.":
        "发往 {address} 的 {size} 字节在连接关闭前没能发送出去。",
    "Unexpected internal error (it was reported and skipped; everything else keeps running): {detail}":
        "发生意外的内部错误（已报告并跳过；其他部分仍在正常运行）：{detail}",
    "Only bytes can be sent, not {kind}.": "只能发送字节（bytes），不能发送 {kind}。",
    "Only bytes can be sent, not text: encode it first, e.g. text.encode('utf-8').":
        "只能发送字节（bytes），不能直接发送文本：请先编码，例如 text.encode('utf-8')。",
    "The delay must be a number of seconds from 0 to {limit}.": "延迟必须是 0 到 {limit} 之间的秒数。",
    "The timer callback must be a function.": "定时器回调必须是一个函数。",
    "{name} must be a whole number of bytes greater than 0.": "{name} 必须是大于 0 的整数字节数。",
    "The socket option {name} must be {expected} (you gave “{value}”).":
        "套接字选项 {name} 必须是{expected}（你给的是“{value}”）。",
    "The timeout must be a number of seconds greater than 0 and at most 3600.":
        "超时时间必须是大于 0、不超过 3600 的秒数。",
    "The options must be a SocketOptions value.": "选项必须是一个 SocketOptions 值。",
    "Not ready yet: the server is still opening its port. Wait for it to start, then send.":
        "还没有准备好：服务器还在打开端口。请等它启动后再发送。",
    "The stop timeout must be a number of seconds (0: do not wait).": "停止超时必须是秒数（0 表示不等待）。",
    "consumed() takes a whole number of bytes.": "consumed() 需要一个整数字节数。",
    "{size} bytes for {address} were not sent: this side has already finished sending (shutdown_write).":
        "发往 {address} 的 {size} 字节没有发送：本方已经结束发送（shutdown_write）。",
    "The half-open timeout must be a number of seconds greater than 0 and at most 3600.":
        "半关闭等待时间必须是大于 0、不超过 3600 的秒数。",
    "The write water marks must be whole numbers of bytes with 0 < low ≤ high ≤ max_buffered.":
        "写缓冲水位必须是整数字节数，并且 0 < 低水位 ≤ 高水位 ≤ max_buffered。",
    "Say which client with its connection number or its address, not {kind}.":
        "请用连接编号或地址指明是哪个客户端，而不是 {kind}。",
    "Several clients share the address {address}: choose one by its connection number.":
        "有多个客户端使用地址 {address}：请按连接编号选择其中一个。",
    "The wait must be a number of seconds from 0 to 3600.": "等待时间必须是 0 到 3600 之间的秒数。",
    "Say where to send with a (host, port) pair such as ('127.0.0.1', 9999), not {kind}.":
        "请用（主机, 端口）指明发送目标，例如 ('127.0.0.1', 9999)，而不是 {kind}。",
    "{peer} finished sending (it half-closed the connection): it can still receive, "
    "so you may reply, then disconnect.":
        "{peer} 已发送完毕（它半关闭了连接）：它仍然可以接收，你可以回复，然后断开。",
    "Finished sending to {peer} (half-close); its replies can still arrive.":
        "已结束向 {peer} 发送（半关闭）；它的回复仍然可以收到。",
    " Without a reply it is closed after {seconds} s.": " 如果一直不回复，{seconds} 秒后关闭连接。",
    "Version {version}": "版本 {version}",
    "“{text}” has a port in it: type {host} in the Host field and {port} in the Port field.":
        "“{text}”里带了端口：请在“主机”栏填写 {host}，在“端口”栏填写 {port}。",
    "“{text}” is not a valid IPv4 address: it needs four numbers from 0 to 255 separated by dots, "
    "such as 192.168.1.10.":
        "“{text}”不是有效的 IPv4 地址：它需要用点隔开的四个 0 到 255 之间的数字，例如 192.168.1.10。",
    "Bound to {address}: datagrams sent there arrive here.":
        "已绑定 {address}：发到这里的数据报会在这里收到。",
    "{client} (finished sending)": "{client}（对方已发送完毕）",
    "{client} (we finished sending)": "{client}（本方已发送完毕）",
    "The operating system dropped {count} datagrams: they arrived faster than they were read "
    "({total} dropped since start).":
        "操作系统丢弃了 {count} 个数据报：它们到达得比读取得快（启动以来共丢弃 {total} 个）。",
    # The tab's parts: address form, status bar, client list (gui/tab.py, gui/parts/)
    "Type the path of the socket file, e.g. {example}.": "请输入套接字文件的路径，例如 {example}。",
    "Path:": "路径：",
    "The operating system dropped {count} datagram: it arrived faster than datagrams were read "
    "({total} dropped since start).":
        "操作系统丢弃了 {count} 个数据报：它们到达得比读取得快（启动以来共丢弃 {total} 个）。",
    "{count} more datagram arrived at once: counted, not shown.":
        "同一时间又收到 {count} 个数据报：已计入统计，但没有显示。",
    "Copy address": "复制地址",
    "Disconnect all": "全部断开",
    " ({rate}, {messages} msg/s)": "（{rate}，{messages} 条/秒）",
    "Reset counters": "计数清零",
    "sent {bytes} B in {count} message": "已发送 {bytes} 字节（{count} 条消息）",
    "sent {bytes} B in {count} messages": "已发送 {bytes} 字节（{count} 条消息）",
    "received {bytes} B in {count} message": "已接收 {bytes} 字节（{count} 条消息）",
    "received {bytes} B in {count} messages": "已接收 {bytes} 字节（{count} 条消息）",
    "{count} datagram dropped by the OS": "{count} 个数据报被系统丢弃",
    "{count} datagrams dropped by the OS": "{count} 个数据报被系统丢弃",
    "saving to {path}": "正在保存到 {path}",
    "({count} new)": "（{count} 条新消息）",
    "(999+ new)": "（999+ 条新消息）",
    "Timeout (s):": "超时（秒）：",
    "Max clients must be a whole number from 1 to {limit}.": "最大客户端数必须是 1 到 {limit} 之间的整数。",
    "all clients ({count})": "全部客户端（{count} 个）",

    # fonts
    "No installed font can draw Chinese: this window shows boxes instead of characters.":
        "没有安装能显示中文的字体：本窗口显示的是方框而不是汉字。",
    "Fix on Debian or Ubuntu: {command} (or fonts-noto-cjk), then restart SockLab.":
        "解决方法（Debian 或 Ubuntu）：运行 {command}（或 fonts-noto-cjk），然后重新启动 SockLab。",
    # theme and crash dialog
    "SockLab hit an unexpected error and must close.": "SockLab 遇到了意外错误，必须关闭。",
    "Details are in: {path}": "详细信息已写入：{path}",

    # log panel
    "→ sent to {peer} ({size} B):": "→ 发送给 {peer}（{size} 字节）：",
    "← received from {peer} ({size} B):": "← 接收自 {peer}（{size} 字节）：",
    "Pause": "暂停显示",
    "Hide sent": "隐藏发送",
    "Find:": "查找：",
    "{count} match": "{count} 处匹配",
    "{count} matches": "{count} 处匹配",
    "(paused: {count} new entry)": "（已暂停：{count} 条新记录）",
    "(paused: {count} new entries)": "（已暂停：{count} 条新记录）",
    "Copy": "复制",
    "Select all": "全选",
    # the log in a flood (gui/log_view.py)
    "… {count} entry was not drawn: data came faster than it can be read here. The counters "
    "and File → Save received data have everything.":
        "… 有 {count} 条记录没有显示：数据来得比这里能显示的更快。计数和“文件 → 接收转存文件”中都是完整的。",
    "… {count} entries were not drawn: data came faster than they can be read here. The counters "
    "and File → Save received data have everything.":
        "… 有 {count} 条记录没有显示：数据来得比这里能显示的更快。计数和“文件 → 接收转存文件”中都是完整的。",

    # --- address families: IPv4, IPv6, Unix stream and datagram; stale socket files (issue 11 item 7) ---
    "IPv4": "IPv4 地址",
    "IPv6": "IPv6 地址",
    "Unix path": "Unix 路径",
    "Address families: IPv4 and IPv6 (a host and a port), or a Unix path (a socket file on this computer: "
    "a stream socket on the TCP tabs, a datagram socket on the UDP tabs). AF_NETLINK, which socket "
    "tutorials also name, is how Linux programs talk to the kernel (routes, network interfaces), not a way "
    "for programs to chat, so SockLab does not offer it.":
        "地址族：IPv4 和 IPv6（主机加端口），或 Unix 路径（本机上的一个套接字文件："
        "在 TCP 标签页上是流套接字，在 UDP 标签页上是数据报套接字）。"
        "套接字教程里也会提到 AF_NETLINK，它是 Linux 程序与内核通信的方式"
        "（路由表、网卡等），不是程序之间聊天的方式，所以 SockLab 不提供它。",
    "{path} was left behind by a server that is no longer running (a stale socket file: bind said "
    "“address in use”, but connecting to it was refused). SockLab removed it and bound the path again.":
        "{path} 是一个已经不在运行的服务器留下的文件（残留的套接字文件：bind 说“地址已被占用”，"
        "但连接它被拒绝）。SockLab 已删除它，并重新绑定了这个路径。",
    "{path} is a stale socket file left by a server that is no longer running, but it could not be "
    "removed ({reason}). Remove it yourself or choose another path.":
        "{path} 是一个已经不在运行的服务器留下的残留套接字文件，但无法删除它（{reason}）。"
        "请自己删除它，或换一个路径。",
    "{path} already exists and is not a socket file, so nothing can be bound there. SockLab never "
    "deletes such a file: choose another path, or move that file away yourself.":
        "{path} 已经存在，而且不是套接字文件，所以无法绑定到这里。SockLab 绝不会删除这样的文件："
        "请换一个路径，或者自己把那个文件移走。",
    "Another socket is already using {path} (it answered when SockLab tried to connect to it). "
    "Stop that program or tab, or choose another path.":
        "另一个套接字正在使用 {path}（SockLab 试着连接它时它有回应）。请停止那个程序或标签页，或换一个路径。",
    "A Unix datagram client needs a path of its own to get replies, so SockLab bound this socket to "
    "{path}, in a private temporary folder that is removed when the socket closes.":
        "Unix 数据报客户端需要自己的路径才能收到回复，所以 SockLab 把这个套接字绑定到了 {path}，"
        "它位于一个私有的临时文件夹中，套接字关闭时会被删除。",
    "Could not make a private temporary folder for this socket's own path: {reason}":
        "无法为这个套接字自己的路径创建私有临时文件夹：{reason}",
    "Nobody is receiving at {address}: no socket is bound to that path any more, or never was. "
    "Is the UDP server started on this path?":
        "{address} 上没有程序在接收：没有套接字绑定在这个路径上（已经关闭，或者从来没有）。"
        "UDP 服务器在这个路径上启动了吗？",
    "{address} is not reading fast enough: its queue of Unix datagrams is full, so this datagram was not "
    "sent (Unix datagrams are never dropped silently, the sender is told instead). Try again later.":
        "{address} 读取得不够快：它的 Unix 数据报队列已满，所以这个数据报没有发送"
        "（Unix 数据报从不会被悄悄丢弃，而是告诉发送方）。请稍后再试。",
    "This sender’s socket is not bound to a path (it is unnamed), so nobody can reply to it. A Unix "
    "datagram client must bind a path of its own to get replies (SockLab’s UDP client does that by itself).":
        "这个发送方的套接字没有绑定路径（未命名），所以谁也无法回复它。Unix 数据报客户端必须绑定自己的路径"
        "才能收到回复（SockLab 的 UDP 客户端会自动这样做）。",
    "This socket is bound to an IP address, so it can only send to IP addresses, not to the Unix path "
    "{address}.":
        "这个套接字绑定的是 IP 地址，所以只能发送到 IP 地址，不能发送到 Unix 路径 {address}。",
    "This socket is bound to a Unix path, so it can only send to other Unix paths, not to {address}.":
        "这个套接字绑定的是 Unix 路径，所以只能发送到其他 Unix 路径，不能发送到 {address}。",
    "The datagram is too large: {size} bytes, but SockLab sends at most {limit} bytes in one Unix "
    "datagram (as for UDP), so that it always arrives whole.":
        "数据报过长：{size} 字节，而 SockLab 一个 Unix 数据报最多发送 {limit} 字节（与 UDP 相同），"
        "这样它总能完整到达。",
    # --- socket options, the Nagle demonstration, connection states (issue 11, items 6 and 8) ---
    "Learn": "学习",
    "Tools": "工具",
    "Socket options…": "套接字选项…",
    "Nagle's algorithm demonstration…": "Nagle 算法演示…",
    "Nagle's algorithm: two small writes, then a read": "Nagle 算法：两次小写入，然后读取",
    "On this computer (loopback), a client sends a request as two small writes, then reads the answer; the "
    "server answers once it has the whole request. {rounds} round trips are timed with TCP_NODELAY off "
    "(Nagle's algorithm on), then {rounds} with it on.":
        "在本机（回环地址）上，客户端把一个请求分成两次小写入发出，然后读取回答；服务器收到完整请求后才回答。"
        "先在关闭 TCP_NODELAY（启用 Nagle 算法）时计时 {rounds} 次往返，再在开启它时计时 {rounds} 次。",
    "Measuring… (about a second)": "正在测量…（大约一秒）",
    "TCP_NODELAY off (Nagle on): median round trip {time}":
        "关闭 TCP_NODELAY（启用 Nagle）：往返时间中位数 {time}",
    "TCP_NODELAY on: median round trip {time}": "开启 TCP_NODELAY：往返时间中位数 {time}",
    "With Nagle, the second small write waits until the first is acknowledged, and the server delays that "
    "acknowledgement (about 40 ms on Linux) hoping to send it with its answer, which cannot come before the "
    "second write. TCP_NODELAY sends both at once. SockLab's TCP sockets set it by default; Learn → Socket "
    "options… turns it off.":
        "启用 Nagle 时，第二次小写入要等第一次被确认后才发出；"
        "而服务器会推迟这个确认（在 Linux 上约 40 毫秒），"
        "想把它和回答一起发出——可回答要等第二次写入到达后才有。TCP_NODELAY 让两次写入立即发出。"
        "SockLab 的 TCP 套接字默认开启它；在“学习 → 套接字选项…”中可以关闭。",
    "The measurement failed: {error}": "测量失败：{error}",
    "Run the demonstration": "运行演示",
    "{option} must be a whole number of bytes from 1 to 1,073,741,824, or empty for the default "
    "(you typed “{text}”).":
        "{option} 必须是 1 到 1,073,741,824 之间的整数字节数，留空表示使用默认值（你输入的是“{text}”）。",
    "The timeout must be a number of seconds from 0 to 3600, or empty for none (you typed “{text}”).":
        "超时必须是 0 到 3600 之间的秒数，留空表示不设超时（你输入的是“{text}”）。",
    "A non-blocking socket has no timeout: clear the timeout or tick Blocking.":
        "非阻塞套接字没有超时：请清空超时，或勾选“阻塞”。",
    "Socket options — {tab}": "套接字选项 — {tab}",
    "Set before the socket is made: changes apply at the next start. Below, after a start: what the kernel "
    "really gave, read back with getsockopt.":
        "这些选项在创建套接字之前设置：修改在下次启动时生效。"
        "下方显示启动后用 getsockopt 读回的、内核实际给出的值。",
    "SockLab's own sockets never block: one loop watches them all with a selector, so one window serves many "
    "connections. Blocking and the timeout go into the code SockLab shows, which blocks like the seed's "
    "programs.":
        "SockLab 自己的套接字从不阻塞：一个循环用 selector 同时照看所有套接字，所以一个窗口能服务许多连接。"
        "“阻塞”和“超时”用于 SockLab 显示的代码，那段代码像原文的程序一样是阻塞式的。",
    "Read back after the start (getsockopt):": "启动后读回（getsockopt）：",
    "Start the tab to see what the kernel gives.": "启动本标签页，即可看到内核实际给出的值。",
    "Nothing was asked: the system's defaults apply. Set an option and start again to see what the kernel "
    "gives.":
        "没有设置任何选项：使用系统默认值。设置一个选项后重新启动，即可看到内核实际给出的值。",
    "These options are used at the next start.": "这些选项将在下次启动时使用。",
    "{option}: asked {asked}, got {given}. Linux doubles the size asked for: the extra half is for its own "
    "bookkeeping.":
        "{option}：请求 {asked}，得到 {given}。Linux 会把请求的大小加倍：多出的一半留给内核自己记账用。",
    "{option}: asked {asked}, got {given}. The kernel capped it at its limit (on Linux net.core.rmem_max / "
    "wmem_max), then doubled it.":
        "{option}：请求 {asked}，得到 {given}。内核先把它限制在上限以内（Linux 上是 net.core.rmem_max / "
        "wmem_max），再加倍。",
    "{option}: asked {asked}, got {given}. The kernel raised it to its minimum.":
        "{option}：请求 {asked}，得到 {given}。内核把它提高到了最小值。",
    "timeout 0.0: SockLab's socket is non-blocking (a selector tells it when to read).":
        "timeout 0.0：SockLab 的套接字是非阻塞的（由 selector 告诉它何时可以读）。",
    "(default)": "（默认）",
    "{value} (in the code)": "{value}（用于代码）",
    "blocks for ever": "一直阻塞",
    "reuse a port at once, although old connections still wait in TIME_WAIT":
        "立即重用端口，即使旧连接仍处于 TIME_WAIT",
    "send small writes at once (off: Nagle's algorithm gathers them)":
        "小数据立即发送（关闭时由 Nagle 算法合并）",
    "probe an idle connection to notice a peer that vanished": "探测空闲连接，发现已经消失的对方",
    "allow sending to a broadcast address such as 255.255.255.255":
        "允许发送到广播地址，例如 255.255.255.255",
    "receive buffer in bytes (empty: the default)": "接收缓冲区，单位字节（留空：默认值）",
    "send buffer in bytes (empty: the default)": "发送缓冲区，单位字节（留空：默认值）",
    "Option": "选项",
    "Asked": "请求值",
    "The kernel gave": "内核给出",
    "Blocking": "阻塞",
    "Defaults": "恢复默认",
    "waiting for connections; accept() takes each one": "等待连接；accept() 逐个接受",
    "connect() sent its SYN and waits for the answer": "connect() 已发出 SYN，正在等待回应",
    "a connection request was answered; waiting for the last step of the handshake":
        "已回应连接请求；正在等待握手的最后一步",
    "connected: both sides can send": "已连接：双方都可以发送",
    "this side shut down sending (FIN sent); waiting for the other side to acknowledge it":
        "本方已关闭发送（已发出 FIN）；正在等待对方确认",
    "this side finished sending and it was acknowledged; the other side may still send":
        "本方已结束发送并得到确认；对方仍可以发送",
    "the other side finished sending (FIN received); this side may still send, then close":
        "对方已结束发送（收到 FIN）；本方仍可以发送，然后关闭",
    "both sides shut down at the same moment; waiting for the last acknowledgement":
        "双方同时关闭；正在等待最后的确认",
    "closed after the other side did; waiting for the last acknowledgement":
        "在对方之后关闭；正在等待最后的确认",
    "closed; the kernel keeps the address pair a while, so late packets cannot reach a new connection":
        "已关闭；内核把这对地址保留一段时间，以免迟到的数据包落入新的连接",
    "closed": "已关闭",
    "Kernel TCP state: {state} — {meaning}": "内核 TCP 连接状态：{state} — {meaning}",
    "Client {client}: {state} — {meaning}": "客户端 {client}：{state} — {meaning}",
    "Listening socket: {state} — {meaning}": "监听套接字：{state} — {meaning}",
    "Kernel TCP state: none (the kernel has no such connection now)":
        "内核 TCP 连接状态：无（内核中现在没有这个连接）",
    "Kernel TCP state: not connected.": "内核 TCP 连接状态：未连接。",
    "Kernel TCP state: not listening.": "内核 TCP 连接状态：未监听。",
    "Kernel TCP state: a Unix socket has none (no TCP underneath).":
        "内核 TCP 连接状态：Unix 套接字没有（底层不是 TCP）。",
    "Kernel TCP state: not available on this system (SockLab reads it from /proc on Linux).":
        "内核 TCP 连接状态：本系统上不可用（SockLab 在 Linux 上从 /proc 读取）。",
    "Shut down sending": "关闭发送（半关闭）",
    "State": "状态",
    # --- errors explained, boundaries, sequence diagram (issue 11: items 4, 5, 9) ---
    # netcore/explain.py: why each socket error happens, and what to try next
    "The computer at that address exists, but no program is listening on that port, so its system answered "
    "“no” at once (a TCP reset).":
        "那个地址的计算机存在，但没有程序在这个端口监听，所以它的系统立即回答“不”（一个 TCP 复位）。",
    "Start the server first (the TCP server tab, or your own program), then check that both sides use the "
    "same address and port {port}.":
        "先启动服务器（TCP 服务器标签页或你自己的程序），再检查两边用的是同一个地址和端口 {port}。",
    "A Unix socket is a file that the server creates when it starts listening; there is no such socket file "
    "at that path (or nothing is listening on it).":
        "Unix 套接字是服务器开始监听时创建的一个文件；这个路径下没有这样的套接字文件（或者没有程序在上面监听"
        "）。",
    "Start the server first, and check that both sides use exactly the same path.":
        "先启动服务器，并检查两边用的是完全相同的路径。",
    "UDP has no connection, but when a datagram reaches a port where nothing listens, the other computer "
    "answers with an ICMP “port unreachable” message. A connected UDP socket reports that answer as "
    "ECONNREFUSED on its next send or receive.":
        "UDP 没有连接，但数据报到达一个没有程序监听的端口时，对方计算机会回一条 ICMP“端口不可达”消息。已连接"
        "的 UDP 套接字会在下一次发送或接收时把这个回答报告为 ECONNREFUSED。",
    "Start the UDP server first and check port {port}. Without that answer you would see nothing at all: "
    "UDP itself never says whether anyone received a datagram.":
        "先启动 UDP 服务器，并检查端口 {port}。如果没有这个回答，你什么也看不到：UDP 本身从不告诉你数据报有"
        "没有人收到。",
    "“{host}” stands for two addresses here: {first} (tried first) and {other}. A server listens on one "
    "address, so a server on 127.0.0.1 (IPv4) cannot be reached at ::1 (IPv6), and the other way round.":
        "“{host}”在这里代表两个地址：{first}（先尝试）和 {other}。服务器只在一个地址上监听，所以监听 "
        "127.0.0.1（IPv4）的服务器无法通过 ::1（IPv6）访问，反过来也一样。",
    "Type the same address on both sides: 127.0.0.1 in the server and in the client (or ::1 in both), "
    "instead of the name.":
        "两边都填同一个地址而不是名字：服务器和客户端都用 127.0.0.1（或都用 ::1）。",
    "Only one socket at a time may listen on an address and port. Another program (or another tab) has it, "
    "or a server that just stopped left its connections in TIME_WAIT, which keeps the port busy for up to a "
    "minute.":
        "同一时间只能有一个套接字在某个地址和端口上监听。可能是另一个程序（或另一个标签页）占用了它，或者刚"
        "停止的服务器留下了处于 TIME_WAIT 的连接，端口会被占用最多一分钟。",
    "Choose another port, or stop the other program (“ss -ltnup” shows which one). A server that sets "
    "SO_REUSEADDR before bind() can start again at once despite TIME_WAIT.":
        "换一个端口，或停止另一个程序（“ss -ltnup”可以看到是哪个）。在 bind() 之前设置 SO_REUSEADDR 的服务器"
        "，即使有 TIME_WAIT 也能立即重新启动。",
    "Ports below 1024 are reserved for system services: only the administrator (root) may listen on them, "
    "so that an ordinary program cannot pose as a web or mail server.":
        "1024 以下的端口是保留给系统服务的保留端口：只有管理员（root）才能在上面监听，这样普通程序就不能冒充"
        "网页或邮件服务器。",
    "Use a port from 1024 to 65535, for example 8080 or 9999.":
        "使用 1024 到 65535 之间的端口，例如 8080 或 9999。",
    "The system refused the operation: a firewall or security rule forbids it, or the address is a "
    "broadcast address and the socket lacks the SO_BROADCAST option.":
        "系统拒绝了这个操作：防火墙或安全规则禁止它，或者这是一个广播地址而套接字没有设置 SO_BROADCAST 选项"
        "。",
    "Check the address. To send to a broadcast address, set SO_BROADCAST; otherwise check the firewall.":
        "检查地址。要发送到广播地址，请设置 SO_BROADCAST；否则请检查防火墙。",
    "Before connecting, a name is looked up (in /etc/hosts, then DNS) to find its IP address, and nobody "
    "knows “{host}”.":
        "连接之前要先查找名字（先查 /etc/hosts，再查 DNS）得到它的 IP 地址，而没有人知道“{host}”。",
    "Check the spelling, or type an IP address instead: 127.0.0.1 is this computer.":
        "检查拼写，或者直接填 IP 地址：127.0.0.1 就是本机。",
    "The name exists, but it has no IPv4 or IPv6 address a socket could use.":
        "这个名字存在，但它没有套接字能用的 IPv4 或 IPv6 地址。",
    "Type an IP address instead, or ask whoever runs that name.": "改填 IP 地址，或询问管理这个名字的人。",
    "The name server did not answer in time, so the name could not be looked up now.":
        "域名服务器没有及时回答，所以现在查不到这个名字。",
    "Check the network connection and try again, or type an IP address instead.":
        "检查网络连接后重试，或者改填 IP 地址。",
    "Looking the name up failed for a reason the resolver reported.": "查找名字失败，原因见解析器的报告。",
    "Try again, or type an IP address instead.": "重试，或者改填 IP 地址。",
    "Every socket belongs to one address family: an IPv4 socket (AF_INET) cannot reach an IPv6 address "
    "(AF_INET6), nor the other way round.":
        "每个套接字属于一个地址族：IPv4 套接字（AF_INET）无法访问 IPv6 地址（AF_INET6），反过来也一样。",
    "Use an address of the same family on both sides: 127.0.0.1 with 127.0.0.1, ::1 with ::1.":
        "两边使用同一地址族的地址：127.0.0.1 对 127.0.0.1，::1 对 ::1。",
    "This computer has that address family switched off or missing (often IPv6).":
        "本机关闭了或没有这个地址族（通常是 IPv6）。",
    "Use an IPv4 address such as 127.0.0.1.": "使用 IPv4 地址，例如 127.0.0.1。",
    "A server can only listen on an address of this computer. 127.0.0.1 means “this computer only”: other "
    "computers cannot connect. 0.0.0.0 means “every network interface”: other computers can connect, if the "
    "firewall lets them.":
        "服务器只能在本机的地址上监听。127.0.0.1 表示“只限本机”：其他计算机无法连接。0.0.0.0 表示“所有网卡”"
        "：只要防火墙允许，其他计算机也能连接。",
    "Listen on 127.0.0.1 for tests on this computer, or on 0.0.0.0 to accept other computers.":
        "在本机测试请监听 127.0.0.1，要接受其他计算机的连接请监听 0.0.0.0。",
    "Every connection needs a free local port of its own, and this computer has none left for that address "
    "(or an IPv6 link-local address lacks its %interface).":
        "每个连接都需要一个自己的空闲本地端口，而本机对这个地址已经没有空闲端口了（或者 IPv6 链路本地地址缺"
        "少 %网卡名）。",
    "Close some connections and try again; for fe80:: addresses add the interface, as in fe80::1%eth0.":
        "关闭一些连接后重试；fe80:: 地址要加上网卡名，例如 fe80::1%eth0。",
    "Connecting sends a request and waits for an answer, and none came in time. Nobody listening answers "
    "“refused” at once; silence instead means a firewall drops the packets, the computer is off, or the "
    "server is too busy to accept (its queue of waiting connections is full).":
        "连接时会发出请求并等待回答，但在规定时间内没有回答。没有程序监听时对方会立即回答“拒绝”；一点回应都"
        "没有则说明防火墙丢弃了数据包、对方计算机没开，或者服务器忙得来不及接受（等待连接的队列满了）。",
    "Check the address and that the server is running and accepting, check the firewall, or raise the "
    "timeout.":
        "检查地址、服务器是否在运行并接受连接，检查防火墙，或者加大超时时间。",
    "The other side ended the connection abruptly (a TCP reset, RST) instead of closing it normally: its "
    "program crashed or was killed, it closed with data still unread, or it closed on purpose with "
    "SO_LINGER set to 0.":
        "对方突然结束了连接（TCP 复位，RST），而不是正常关闭：它的程序崩溃或被杀掉了，关闭时还有数据没读，或"
        "者故意把 SO_LINGER 设为 0 后关闭。",
    "Look at what happened to the other program, then connect again. Data sent just before the reset may be "
    "lost.":
        "查看对方程序发生了什么，然后重新连接。复位之前刚发送的数据可能已经丢失。",
    "Data was sent on a connection that the other side had already closed.":
        "在对方已经关闭的连接上发送了数据。",
    "Connect again. A program should stop sending once recv() returns no data (b''): that is how a socket "
    "says the other side closed.":
        "重新连接。recv() 返回空数据（b''）时程序就应停止发送：套接字就是这样告诉你对方已关闭的。",
    "A datagram travels whole or not at all, and it has a size limit: at most 65,507 bytes of data over "
    "IPv4 (65,527 over IPv6). Only about 1,472 bytes fit in one Ethernet frame; bigger ones are cut into "
    "fragments and more easily lost.":
        "数据报要么完整到达，要么完全不到，而且有大小上限：IPv4 最多 65,507 字节数据（IPv6 为 65,527）。一个"
        "以太网帧只能装下约 1,472 字节；更大的会被切成分片，更容易丢失。",
    "Send less per datagram: split the data into several datagrams, or use TCP for large data.":
        "每个数据报少发一些：把数据分成几个数据报，或者用 TCP 传大量数据。",
    "This computer has no route to that network: no interface or gateway leads there.":
        "本机没有通往那个网络的路由：没有网卡或网关能到达那里。",
    "Check the address and the network settings (is the cable or Wi-Fi connected?).":
        "检查地址和网络设置（网线或 Wi-Fi 连上了吗？）。",
    "The network is known, but the host did not answer: it is off, or the address is wrong, or a router or "
    "firewall said it cannot be reached.":
        "网络是通的，但主机没有回应：它没开机、地址错了，或者路由器或防火墙表示无法到达。",
    "Check the address and that the other computer is on.": "检查地址，以及对方计算机是否已开机。",
    "Every socket uses a file descriptor, and this program (or the system) has reached its limit of open "
    "ones.":
        "每个套接字都占用一个文件描述符，而本程序（或系统）打开的数量已经达到上限。",
    "Close connections you no longer need; “ulimit -n” shows the limit.":
        "关闭不再需要的连接；“ulimit -n”可以查看上限。",
    "UDP sends a datagram without asking whether anyone receives it: there is no connection and no "
    "acknowledgement. When nothing answers, you see nothing — no error either.":
        "UDP 发送数据报时不管有没有人收到：没有连接，也没有确认。没有人回答时，你什么也看不到——连错误也没有"
        "。",
    "Check that the server is started on port {port} and really replies (the UDP server tab can answer each "
    "datagram), and that no firewall drops the datagrams.":
        "检查服务器是否已在端口 {port} 上启动并且真的会回复（UDP 服务器标签页可以回复每个数据报），以及防火"
        "墙有没有丢弃数据报。",
    "The operating system reported an error that SockLab has no lesson for: {reason}.":
        "操作系统报告了一个 SockLab 还没有讲解的错误：{reason}。",
    "Search the web for the name in brackets: it is the standard name of this error.":
        "在网上搜索方括号里的名字：那是这个错误的标准名称。",
    # gui/learn/error_words.py, the form's "Why?", the UDP client's hint
    "Why: {why}": "原因：{why}",
    "Next: {step}": "下一步：{step}",
    "Why?": "为什么？",
    "No reply from {address} after {seconds} s, and no error either.":
        "{seconds} 秒后 {address} 仍没有回复，也没有报错。",
    # the Learn menu
    "Boundaries demo": "消息边界演示",
    "Sequence diagram…": "时序图…",
    # boundaries (gui/log_render.py, gui/log_view.py, gui/learn/boundaries_demo.py)
    "┤ recv() #{number}: {size} bytes ├": "┤ recv() 第 {number} 次：{size} 字节 ├",
    "┤ datagram #{number}: {size} bytes ├": "┤ 数据报 第 {number} 个：{size} 字节 ├",
    "┤ recv() #{number}–#{last}: {size} bytes in {count} reads, merged (too many to mark one by one) ├":
        "┤ recv() 第 {number}–{last} 次：{count} 次读取共 {size} 字节，已合并（太多，无法逐个标出） ├",
    "Mark recv() and datagram boundaries": "标出 recv() 数据块和数据报边界",
    "The boundaries demo runs on the TCP client and UDP client tabs: choose one, connect it to a server "
    "(for example this window's server tab), then try again.":
        "消息边界演示在 TCP 客户端和 UDP 客户端标签页上运行：选择其中一个，把它连接到服务器（例如本窗口的服"
        "务器标签页），然后再试。",
    "Boundaries demo: connect (TCP) or open (UDP) this tab first, to a server such as this window's server "
    "tab.":
        "消息边界演示：请先把这个标签页连接（TCP）或打开（UDP）到一个服务器，例如本窗口的服务器标签页。",
    "Boundaries demo: 5 messages went out in 5 send() calls. TCP carries a stream of bytes, not messages, "
    "so the receiver's recv() may get them merged into one chunk or split anywhere (see the ┤ recv() ├ "
    "marks in the server's log): a program must mark where each message ends itself, for example with a "
    "newline.":
        "消息边界演示：5 条消息用 5 次 send() 发出。TCP 传送的是字节流而不是消息，所以接收方的 recv() 可能把"
        "它们合并成一个数据块，也可能在任意位置拆开（见服务器日志中的 ┤ recv() ├ 标记，即“粘包”）：程序必须"
        "自己标出每条消息在哪里结束，例如用换行符。",
    "Boundaries demo: 5 messages went out as 5 datagrams. UDP keeps each datagram whole, so the receiver "
    "gets 5 datagrams of 5 bytes (see the ┤ datagram ├ marks in the server's log), never merged or split — "
    "though one may be lost.":
        "消息边界演示：5 条消息作为 5 个数据报发出。UDP 保持每个数据报完整，所以接收方收到 5 个 5 字节的数据"
        "报（见服务器日志中的 ┤ 数据报 ├ 标记），绝不会合并或拆开——不过可能会丢失。",
    # the sequence diagram (gui/learn/sequence_model.py, gui/learn/sequence_window.py)
    "This socket": "本套接字",
    "Peer": "对方",
    "Other peers": "其他对方",
    "… {count} earlier step omitted": "… 省略了前面 {count} 步",
    "… {count} earlier steps omitted": "… 省略了前面 {count} 步",
    "connect()": "connect() 连接",
    "connect() → accept()": "connect() → accept() 接受",
    "send {size} B {preview}": "send 发送 {size} 字节 {preview}",
    "recv {size} B {preview}": "recv 接收 {size} 字节 {preview}",
    "recv ×{count}: {size} B": "recv 接收 ×{count}：{size} 字节",
    "sendto {size} B {preview}": "sendto 发送 {size} 字节 {preview}",
    "datagram {size} B {preview}": "数据报 {size} 字节 {preview}",
    "{count} datagrams: {size} B": "{count} 个数据报：{size} 字节",
    "shutdown(SHUT_WR): FIN": "shutdown(SHUT_WR) 半关闭：FIN",
    "FIN: finished sending": "FIN：对方发送完毕",
    "close()": "close() 关闭",
    "close(): FIN": "close() 关闭：FIN",
    "reset: RST": "复位：RST",
    "error {name}": "错误 {name}",
    "connection ended ({reason})": "连接结束（{reason}）",
    "started on {address}": "已在 {address} 启动",
    "Sequence diagram — {tab}": "时序图 — {tab}",
    "Time runs down. Each arrow is a connect, send, receive or close of this tab's socket.":
        "时间从上往下走。每个箭头是本标签页套接字的一次连接、发送、接收或关闭。",
    "Nothing yet: start the tab and exchange a few messages.": "还没有内容：启动这个标签页并收发几条消息。",
    "Copy Mermaid": "复制 Mermaid",
    "Save Mermaid…": "保存 Mermaid…",
    "Copied the diagram as Mermaid text.": "已把时序图复制为 Mermaid 文本。",
    "Mermaid diagrams": "Mermaid 图",
    "Saved the diagram to {path}.": "已把时序图保存到 {path}。",
    "Could not save the diagram: {reason}": "无法保存时序图：{reason}",
    # --- show code, export as script, seed programs (gui/learn/, netcore/codegen.py, netcore/replay.py) ---
    "Show code…": "查看代码…",
    "Export calls as script…": "导出为脚本…",
    "Record socket calls": "记录套接字调用",
    "No calls were recorded: turn on Learn → Record socket calls, start the tab, then export.":
        "没有记录到调用：请打开“学习 → 记录套接字调用”，启动标签页，然后再导出。",
    "Seed programs": "教程里的程序",
    "Code for the {tab} tab": "{tab}标签页的代码",
    "Socket calls of the {tab} tab, as a script": "{tab}标签页的套接字调用（脚本形式）",
    "Show code has no script for this address: UDP needs a host and a port.":
        "“查看代码”无法为这个地址生成脚本：UDP 需要主机和端口。",
    "Fix the address in the tab first: {reason}": "请先改正标签页中的地址：{reason}",
    "Save…": "保存…",
    "Refresh": "刷新",
    "Python scripts": "Python 脚本",
    "Saved to {path}.": "已保存到 {path}。",
    "Copied: paste it into an editor and run it with python3.":
        "已复制：粘贴到编辑器中，用 python3 运行即可。",
    "Could not save the script: {reason}": "无法保存脚本：{reason}",
    "What the original program did": "原来的程序做了什么",
    "Calls to watch in the trace": "在调用跟踪中留意这些调用",
    "TCP server that answers (echo)": "会回答的 TCP 服务器（回显）",
    "UDP server that answers with the time": "回复时间的 UDP 服务器",
    "The original TCP server binds port 9999, listens, and takes one client at a time with accept(). It "
    "prints every message that arrives and sends back an answer typed at its keyboard, until the client "
    "closes. Here the answer is automatic: this tab sends each message straight back (an echo).":
        "原来的 TCP 服务器绑定 9999 端口并开始监听，用 accept() 一次接待一个客户端。它打印收到的每条消息，"
        "再把键盘上输入的回答发回去，直到客户端关闭连接。这里的回答是自动的：本标签页把每条消息原样发回（回显）。",
    "Watch socket(), setsockopt(SO_REUSEADDR), bind() and listen() at the start; accept() when a client "
    "connects; recv() for each message and send() for its echo; recv() returning b'' when the client closes.":
        "开始时看 socket()、setsockopt(SO_REUSEADDR)、bind() 和 listen()；客户端连上时看 accept()；"
        "每条消息对应一次 recv()，回显对应一次 send()；客户端关闭时 recv() 返回 b''。",
    "Seed program: this server sends every message back to its sender (echo) until it stops.":
        "教程程序：这个服务器把收到的每条消息发回给发送者（回显），直到停止。",
    "The original TCP client connects to 127.0.0.1 port 9999, then repeats: read a line from the keyboard, "
    "send() it, recv() up to 4096 bytes and print them. Start the TCP server preset first, then type in "
    "the send box below: each message comes back.":
        "原来的 TCP 客户端连接 127.0.0.1 的 9999 端口，然后反复：从键盘读一行，用 send() 发出，"
        "用 recv() 最多接收 4096 字节并打印。请先启动 TCP 服务器预设，"
        "再在下面的发送框中输入：每条消息都会被发回来。",
    "Watch socket() and the connection: this tab does not block, so connect() appears as connect_ex() "
    "returning EINPROGRESS and then SO_ERROR read back as 0. Then send() for each message and recv() for "
    "each answer.":
        "看 socket() 和建立连接的过程：本标签页不阻塞，所以 connect() 显示为 connect_ex() 返回 EINPROGRESS，"
        "随后读回的 SO_ERROR 为 0。之后每条消息对应一次 send()，每个回答对应一次 recv()。",
    "Seed program: type a message below and press Enter; the TCP server preset sends it back.":
        "教程程序：在下面输入消息并按回车，TCP 服务器预设会把它发回来。",
    "The original UDP server binds port 21567 and never listens or accepts: UDP has no connections. It "
    "waits in recvfrom() for a datagram and sends the time and the data back to the sender, like "
    "[Sun Nov 29 18:22:38 2026] hello.":
        "原来的 UDP 服务器绑定 21567 端口，从不监听也不接受连接：UDP 没有连接。它在 recvfrom() 中等待数据报，"
        "再把时间和数据发回给发送者，例如 [Sun Nov 29 18:22:38 2026] hello。",
    "Watch socket(AF_INET, SOCK_DGRAM) and bind() at the start (no listen(), no accept()); then recvfrom() "
    "returning each datagram with its sender's address, and sendto() answering that address.":
        "开始时看 socket(AF_INET, SOCK_DGRAM) 和 bind()（没有 listen()，也没有 accept()）；"
        "然后 recvfrom() 返回每个数据报及发送者的地址，sendto() 向这个地址回复。",
    "Seed program: this server answers each datagram with [the time] and the data until it stops.":
        "教程程序：这个服务器用“[时间] 数据”回复每个数据报，直到停止。",
    "The original UDP client sends each line typed to port 21567 with sendto(), then waits in recvfrom() "
    "for the answer and prints it. Start the UDP server preset first, then send a message from the box "
    "below: the time comes back in front of it.":
        "原来的 UDP 客户端用 sendto() 把输入的每一行发到 21567 端口，然后在 recvfrom() 中等待回答并打印。"
        "请先启动 UDP 服务器预设，再从下面的发送框发送消息：回来的消息前面会加上时间。",
    "Watch socket(AF_INET, SOCK_DGRAM) and connect(): this tab connects its UDP socket, which only sets the "
    "default address (nothing is sent), so the system can report \"port unreachable\". Then send() for "
    "each datagram and recvfrom() for each answer.":
        "看 socket(AF_INET, SOCK_DGRAM) 和 connect()：本标签页对 UDP 套接字调用 connect()，这只设定默认地址"
        "（并不发送任何东西），这样系统才能报告“端口不可达”。"
        "之后每个数据报对应一次 send()，每个回答对应一次 recvfrom()。",
    "Seed program: type a message below and press Enter; the UDP server preset answers with the time.":
        "教程程序：在下面输入消息并按回车，UDP 服务器预设会回复时间。",
    # the generated scripts' comments and printed words
    "A TCP server like SockLab's TCP server tab, written the blocking way.":
        "一个与 SockLab 的 TCP 服务器标签页做同样事情的 TCP 服务器，用阻塞方式编写。",
    "A TCP client like SockLab's TCP client tab, written the blocking way.":
        "一个与 SockLab 的 TCP 客户端标签页做同样事情的 TCP 客户端，用阻塞方式编写。",
    "A UDP server like SockLab's UDP server tab, written the blocking way.":
        "一个与 SockLab 的 UDP 服务器标签页做同样事情的 UDP 服务器，用阻塞方式编写。",
    "A UDP client like SockLab's UDP client tab, written the blocking way.":
        "一个与 SockLab 的 UDP 客户端标签页做同样事情的 UDP 客户端，用阻塞方式编写。",
    "Run it with python3; stop it with Ctrl+C.": "用 python3 运行；按 Ctrl+C 停止。",
    "Run it with python3, type a line and press Enter; an empty line ends it.":
        "用 python3 运行，输入一行后按回车；输入空行即结束。",
    "AF_INET: IPv4 addresses.": "AF_INET：IPv4 地址。",
    "AF_INET6: IPv6 addresses.": "AF_INET6：IPv6 地址。",
    "AF_UNIX: a socket file on this computer, no network.": "AF_UNIX：本机上的套接字文件，不经过网络。",
    "SOCK_STREAM: TCP, a connected byte stream (no message boundaries).":
        "SOCK_STREAM：TCP，面向连接的字节流（没有消息边界）。",
    "SOCK_DGRAM: UDP, separate datagrams, each whole or not at all.":
        "SOCK_DGRAM：UDP，一个个独立的数据报，每个要么完整到达，要么不到达。",
    "Lets the server start again at once while old connections linger in TIME_WAIT.":
        "让服务器在旧连接还处于 TIME_WAIT 时也能立即重新启动。",
    "A socket file left by an earlier run makes bind() fail, so remove it first.":
        "上次运行留下的套接字文件会让 bind() 失败，所以先删除它。",
    "Clients that connect wait in a queue of this length until accept() takes them.":
        "连上来的客户端在这个长度的队列中等待，直到 accept() 接待它们。",
    "The tab serves up to {count} clients at once with a selector; this script serves one client at a "
    "time, and the next waits in listen()'s queue.":
        "标签页借助选择器（selector）同时服务最多 {count} 个客户端；这个脚本一次只服务一个，"
        "下一个在 listen() 的队列中等待。",
    "accept() waits for a client and returns a new socket just for it.":
        "accept() 等待客户端连接，并返回一个专门与它通信的新套接字。",
    "recv() waits for data; b'' means the other side closed.": "recv() 等待数据；b'' 表示对方已关闭。",
    "Echo: send back exactly what arrived.": "回显：把收到的内容原样发回。",
    "Answer with the time, then the data: [Sun Nov 29 18:22:38 2026] data":
        "回复时间和数据：[Sun Nov 29 18:22:38 2026] data",
    "Type the answer, as in the tab's send box.": "输入回答，就像在标签页的发送框中一样。",
    "Give up connecting after TIMEOUT seconds, like the tab's Timeout field.":
        "连接超过 TIMEOUT 秒就放弃，与标签页的“超时”一栏相同。",
    "Once connected, wait for data as long as it takes.": "连上之后，等待数据不设时限。",
    "sendall() repeats send() until every byte is handed to the system.":
        "sendall() 会反复调用 send()，直到每个字节都交给了系统。",
    "UDP has no listen() and no accept(): binding the port is all a server does.":
        "UDP 没有 listen() 也没有 accept()：服务器只需绑定端口。",
    "recvfrom() waits for one datagram and says who sent it.":
        "recvfrom() 等待一个数据报，并告诉你是谁发的。",
    "sendto() sends one datagram to an address; no connection is needed.":
        "sendto() 把一个数据报发到一个地址，不需要连接。",
    "Replies come back to this port, like the tab's Local port field.":
        "回复会发回到这个端口，与标签页的“本地端口”一栏相同。",
    "UDP gives no error when nobody answers: stop waiting after a few seconds.":
        "没有人回答时 UDP 不会报错：等几秒就不再等了。",
    "Ctrl+C, or the end of the input, ends the program.": "按 Ctrl+C 或输入结束时，程序结束。",
    "The with block closes the socket at the end, as close() would.":
        "with 块结束时会关闭套接字，与调用 close() 相同。",
    "Listening on": "正在监听",
    "Waiting for datagrams on": "正在等待数据报，地址",
    "Connected to": "已连接到",
    "Client connected:": "客户端已连接：",
    "Client left:": "客户端已离开：",
    "Received:": "收到：",
    "From": "来自",
    "The server closed the connection.": "服务器关闭了连接。",
    "No reply within {seconds} s: is a server listening there?":
        "{seconds} 秒内没有回复：那里有服务器在监听吗？",
    "SockLab's {tab} tab made these socket calls; this script makes them again, blocking.":
        "SockLab 的{tab}标签页做了下面这些套接字调用；这个脚本以阻塞方式重新做一遍。",
    "What arrived is shown in comments: a replay cannot know what the peer will send.":
        "收到的内容写在注释里：重放无法预知对方会发什么。",
    "SockLab's socket was non-blocking, with a selector waiting for it; this replay blocks instead, so "
    "each call waits until it can be done.":
        "SockLab 的套接字是非阻塞的，由选择器（selector）等待它；"
        "这个重放改为阻塞，每个调用都会等到能完成为止。",
    "failed in SockLab:": "在 SockLab 中失败：",
    "received": "收到",
    "{size} bytes were sent; the trace keeps only their size.": "发送了 {size} 字节；跟踪只记录了大小。",
    "Repeated sends (×{count}) moved {size} bytes; the trace keeps only their total.":
        "重复发送（×{count}）共 {size} 字节；跟踪只记录了总数。",
    "Nothing yet: start the tab, then export again.": "还没有调用：先启动标签页，再导出一次。",
    "The trace kept the first {kept} calls; {more} more are not in this script.":
        "跟踪只保留了前 {kept} 个调用；另外 {more} 个不在这个脚本中。",
    # --- show code: Unix datagram scripts ---
    ("A Unix datagram socket can be answered only if it has a path of its own: bind one "
     "next to the server's, and remove it at the end."):
        "Unix 数据报套接字只有绑定了自己的路径才能收到回复：在服务器的路径旁绑定一个，结束时删除它。",
    "A sender that bound no path has no address (it shows as None or ''): it cannot be answered.":
        "没有绑定路径的发送方没有地址（显示为 None 或 ''）：无法回复它。",

    # --- socket-call trace (issue 11.1: gui/parts/trace_pane.py, gui/learn/trace_words.py) ---
    "Socket calls (trace)": "调用跟踪",
    "Socket calls, as Python (select one to see what it does)": "套接字调用（Python 写法，选中一行查看说明）",
    "Hide": "隐藏",
    "Each line is a call SockLab made on its sockets, with what it returned.":
        "每一行是 SockLab 对套接字的一次调用，以及它的返回值。",
    "Not in the tutorial's method table: {entry} comes from Python's selectors and socket modules.":
        "教程的方法表里没有它：{entry} 来自 Python 的 selectors 和 socket 模块。",
    "A call SockLab made on this socket.": "SockLab 对这个套接字做的一次调用。",
    "# non-blocking sockets and a selector (sel): one thread serves every client "
    "(the tutorial's programs block instead)":
        "# 非阻塞套接字 + 选择器（sel）：一个线程就能服务所有客户端（教程里的程序用的是阻塞方式）",
    "A blocking program waits inside accept() or recv() and serves one client at a time (or needs a "
    "thread for each). SockLab makes every socket non-blocking and asks the selector which are ready; "
    "each call returns at once, and BlockingIOError only means: nothing more for now.":
        "阻塞式程序会停在 accept() 或 recv() 里等待，一次只能服务一个客户端（否则每个客户端要一个线程）。"
        "SockLab 把每个套接字都设为非阻塞，并让选择器告诉它哪些已经就绪；每次调用都立即返回，"
        "BlockingIOError 只表示：现在没有更多了。",
    "BlockingIOError: nothing to do right now (no data, no connection waiting, or no room to send); "
    "the selector says when to try again.":
        "BlockingIOError：现在无事可做（没有数据、没"
        "有等待的连接，或发送缓冲区已满）；选择器会告诉我们何时再试。",
    "b'' is the end of file: the other side will send nothing more.":
        "b'' 表示文件结束：对方不会再发送数据了。",
    "EINPROGRESS: the connection is on its way; the selector reports when it is done.":
        "EINPROGRESS：连接正在建立；完成时选择器会报告。",
    "It failed: {error} ({name}). The log says what that means here.":
        "调用失败：{error}（{name}）。日志里说明了这在这里意味着什么。",
    "{count} calls like this came too fast to list one by one: they are added up here{size}.":
        "这类调用来得太快，无法逐条列出，共 {count} 次，在这里合计{size}。",
    ", {size} in all": "，数据量 {size}",
    "# nothing to do now": "# 现在无事可做",
    "# end of file: the other side closed": "# 文件结束：对方已关闭发送",
    "# connecting…": "# 正在连接…",
    "Makes a new socket: AF_INET (IPv4), AF_INET6 (IPv6) or AF_UNIX (a file path); "
    "SOCK_STREAM for TCP, SOCK_DGRAM for UDP.":
        "创建一个新的套接字：AF_INET（IPv4）、AF_INET6（IPv6）或 AF_UNIX（文件路径）；"
        "SOCK_STREAM 用于 TCP，SOCK_DGRAM 用于 UDP。",
    "Gives the socket its own address (host and port, or a path): where others reach it. "
    "Port 0 lets the system choose a free one.":
        "给套接字指定自己的地址（主机和端口，或路径），别人通过它找到这里。端口 0 表示由系统选一个空闲端口。",
    "Turns a TCP socket into a listening socket; the number is how many connections may wait "
    "to be accepted.":
        "把 TCP 套接字变成监听套接字；参数是最多可以有多少个连接排队等待接受。",
    "Takes the next waiting connection: returns a new socket for that client alone, and the "
    "client's address.":
        "取出下一个等待中的连接：返回一个专门服务这个客户端的新套接字，以及客户端的地址。",
    "Connects to a server's address. On a UDP socket it only fixes where datagrams go and "
    "whom they are taken from.":
        "连接到服务器的地址。对 UDP 套接字来说，它只是固定数据报发往哪里、只接收谁发来的数据报。",
    "Like connect(), but returns an error number instead of raising one; on a non-blocking socket "
    "115 (EINPROGRESS) means connecting has begun.":
        "和 connect() 一样，但出错时返回错误码而不是抛出异常；在"
        "非阻塞套接字上，115（EINPROGRESS）表示连接已经开始。",
    "Reads what has arrived on a connection, at most the size given; b'' means the other side "
    "closed its sending side.":
        "读取连接上已经到达的数据，最多读取给定的大小；b'' 表示对方关闭了发送方向。",
    "Hands bytes to the kernel to send; returns how many it took, which can be fewer than given.":
        "把字节交给内核发送；返回内核接收了多少字节，可能比给出的少。",
    "Sends every byte, calling send() again until none are left.":
        "发送全部字节：反复调用 send()，直到一个不剩。",
    "Reads one whole datagram, and the address of whoever sent it.":
        "读取一个完整的数据报，以及发送者的地址。",
    "Sends one datagram to the address given; no connection is needed.":
        "向给定地址发送一个数据报，不需要连接。",
    "Returns the address of the other end of a connected socket.": "返回已连接套接字另一端的地址。",
    "Returns the socket's own address; after binding port 0, it shows the port the system chose.":
        "返回套接字自己的地址；绑定端口 0 之后，可以从这里看到系统选的端口。",
    "Reads a socket option as the kernel has it; SO_ERROR tells how a non-blocking connect ended "
    "(0: connected).":
        "读取内核中套接字选项的实际值；SO_ERROR 说明非阻塞连接的结果（0 表示已连接）。",
    "Sets a socket option: SO_REUSEADDR (reuse a port still in TIME_WAIT), TCP_NODELAY (send small "
    "writes at once), SO_RCVBUF (the receive buffer's size)…":
        "设置套接字选项：SO_REUSEADDR（重用仍处于 TIME_WAIT 的端口）、TCP_NODELAY（小数据立即发送）、"
        "SO_RCVBUF（接收缓冲区大小）……",
    "Ends one direction of a connection: SHUT_WR says \"I have nothing more to send\", "
    "and the peer reads b''; the other direction stays open.":
        "结束连接的一个方向（半关闭）：SHUT_WR 表示“我没有"
        "更多要发送的了”，对方会读到 b''；另一个方向仍然打开。",
    "Closes the socket and gives its resources back; a TCP peer then reads b''.":
        "关闭套接字并释放它的资源；TCP 的对方随后会读到 b''。",
    "False makes the socket's calls return at once, with BlockingIOError when they would have to "
    "wait, instead of waiting.":
        "设为 False 后，套接字的调用不再等待而是立即返回；需要等待时抛出 BlockingIOError。",
    "Makes the socket's blocking calls give up with a timeout error after that many seconds.":
        "让套接字的阻塞调用在等待这么多秒后以超时错误放弃。",
    "Returns the timeout settimeout() set (None: wait as long as it takes).":
        "返回 settimeout() 设置的超时时间（None 表示一直等待）。",
    "Returns the socket's file descriptor: the number the operating system knows it by.":
        "返回套接字的文件描述符：操作系统用来识别它的编号。",
    "Wraps the socket in a file object, so it can be read and written like a file.":
        "把套接字包装成文件对象，可以像文件一样读写。",
    "Asks the selector to watch a socket: EVENT_READ (something to read or to accept), "
    "EVENT_WRITE (room to send, or a connect finished).":
        "让选择器监视一个套接字：EVENT_READ（有数据可读或有连"
        "接可接受），EVENT_WRITE（可以发送，或连接已完成）。",
    "Changes what the selector watches a socket for (EVENT_WRITE while data waits to be sent).":
        "更改选择器对这个套接字监视的事件（有数据等待发送时加上 EVENT_WRITE）。",
    "Stops watching a socket: it is closing, or reading is paused until the window catches up.":
        "停止监视这个套接字：它正在关闭，或者暂停读取，等窗口跟上。",
    "Waits until one of the watched sockets is ready, then says which: the loop then calls "
    "exactly those.":
        "等待被监视的套接字中有一个就绪，并告诉我们是哪些；循环随后只调用这些套接字。",
    # --- show code: the options window's choice ---
    "The options chosen in Learn → Socket options…, set before the socket is used.":
        "在“学习 → 套接字选项…”中选择的选项，在使用套接字之前设置。",
    "Calls that wait (accept, connect, recv) raise TimeoutError after this many seconds.":
        "会等待的调用（accept、connect、recv）在这么多秒后引发 TimeoutError。",
    ("Blocking is off in the options, but this script waits for each call, so its socket stays "
     "blocking: a non-blocking one raises BlockingIOError unless a selector waits for it (as SockLab's "
     "own loop does)."):
        ("选项中关闭了阻塞，但这个脚本会等待每个调用，所以它的套接字保持阻塞：非阻塞套接字会引发 "
         "BlockingIOError，除非由选择器（selector）等待它（SockLab 自己的循环就是这样做的）。"),
    # --- broadcast and multicast (issue 12, feature 6) ---
    "Broadcast and multicast…": "广播和组播…",
    "Broadcast and multicast — {tab}": "广播和组播 — {tab}",
    ("Broadcast sends one datagram to every computer of a network; multicast sends it to the members "
     "of a group (224.0.0.0 to 239.255.255.255, or ff00::/8). These settings are the tab's socket "
     "options: they apply at the next Open, and at once to an open socket."):
        ("广播把一个数据报发给一个网络中的每台计算机；组播只发给一个组的成员（224.0.0.0 到 "
         "239.255.255.255，或 ff00::/8）。这些设置是本标签页的套接字选项：下次打开时生效，"
         "对已打开的套接字立即生效。"),
    "Sending": "发送",
    "Allow broadcast (SO_BROADCAST)": "允许广播（SO_BROADCAST）",
    "Multicast TTL:": "组播 TTL：",
    "0: this computer only, 1: this network (the default)": "0：只在本机，1：本网络（默认）",
    "Loopback: this computer hears its own group datagrams": "回环：本机也收到自己发出的组播数据报",
    "Interface:": "网卡：",
    "(the system chooses by its routes)": "（由系统按路由选择）",
    "no multicast": "不支持组播",
    "IPv4 groups only": "仅 IPv4 组播",
    "Multicast groups": "组播组",
    "Group:": "组：",
    "Join": "加入",
    "Leave": "退出",
    "Group": "组",
    "Interface": "网卡",
    "joined when the tab opens": "标签页打开时加入",
    "joining…": "正在加入…",
    "joined": "已加入",
    ("Sending to a group: type the group (such as 239.1.2.3) as the target host. The tab then does not "
     "connect its socket, so replies from any member arrive."):
        ("向组发送：把组地址（如 239.1.2.3）填作目标主机。此时标签页不会 connect 它的套接字，"
         "所以任何成员的回复都能收到。"),
    ("This socket is bound to {bound}: the system hands the datagrams of {group} only to a socket bound "
     "to the group's address or to {wildcard} (every interface). Reopen it on:"):
        ("这个套接字绑定在 {bound}：系统只把发给 {group} 的数据报交给绑定在组地址或 {wildcard}"
         "（所有网卡）上的套接字。重新打开并绑定到："),
    "{group} (the group only)": "{group}（只收这个组的）",
    "{wildcard} (other computers can send here too)": "{wildcard}（其他计算机也能发到这里）",
    "Broadcast and multicast are for the UDP tabs: showing the UDP server tab's settings.":
        "广播和组播只用于 UDP 标签页：这里显示 UDP 服务器标签页的设置。",
    ("The multicast TTL must be a whole number from 0 to 255, or empty for the default "
     "(you typed “{text}”)."):
        "组播 TTL 必须是 0 到 255 的整数，留空表示默认值（你输入的是“{text}”）。",
    ("Permission denied sending to {address}: the system takes it for a broadcast address, and a socket "
     "may send to one only after setsockopt(SOL_SOCKET, SO_BROADCAST, 1)."):
        ("发送到 {address} 时权限不足：系统把它当作广播地址，而套接字只有在 "
         "setsockopt(SOL_SOCKET, SO_BROADCAST, 1) 之后才能向广播地址发送。"),
    ("Could not send to the multicast group {address}: no interface here can carry it ({reason}). "
     "Choose the interface group datagrams leave by."):
        "无法发送到组播组 {address}：本机没有能承载它的网卡（{reason}）。请选择组播数据报发出的网卡。",
    ("Multicast, for what this socket sends to a group: the TTL (hop limit) says how many routers a "
     "datagram may cross (0: this computer only, 1: this network), loop 1 lets this computer hear its "
     "own, and the interface is the one datagrams leave by."):
        ("组播，作用于这个套接字发往组的数据：TTL（跳数限制）表示数据报最多能经过几个路由器"
         "（0：只在本机，1：本网络），loop 为 1 时本机也能收到自己发的，网卡是数据报发出的那一块。"),
    ("Join the group: the request is the group's address, then the interface's address (IPv4, "
     "0.0.0.0: the system chooses) or index (IPv6, 0: the system chooses). Closing the socket leaves it."):
        ("加入组：请求内容是组地址，后面跟网卡的地址（IPv4，0.0.0.0 表示由系统选择）或编号"
         "（IPv6，0 表示由系统选择）。关闭套接字就会退出组。"),
    ("A broadcast reaches every computer on a network at once, so the system makes a program ask for "
     "it on purpose: without the SO_BROADCAST option, a datagram to 255.255.255.255 or to a network's "
     "last address (such as 192.168.1.255) is refused with EACCES, “permission denied”, even for the "
     "administrator."):
        ("广播会一次到达网络中的每台计算机，所以系统要求程序明确申请：没有设置 SO_BROADCAST 选项时，"
         "发往 255.255.255.255 或某个网络最后一个地址（如 192.168.1.255）的数据报会被拒绝，"
         "错误是 EACCES（权限不足），即使是管理员也一样。"),
    ("Set SO_BROADCAST on the socket before sending (in SockLab: Allow broadcast, in Tools → "
     "Broadcast and multicast…), then send again."):
        ("发送前在套接字上设置 SO_BROADCAST（在 SockLab 中：“工具 → 广播和组播…”里的“允许广播”），"
         "然后再发送。"),
    ("A multicast datagram leaves by one interface: the one chosen with IP_MULTICAST_IF (IPv6: "
     "IPV6_MULTICAST_IF), else the one the routes point to. None fits here: no route leads to the "
     "group, or the interface cannot carry multicast (on Linux, lo carries IPv4 groups but not IPv6 "
     "ones)."):
        ("组播数据报从一块网卡发出：用 IP_MULTICAST_IF（IPv6 用 IPV6_MULTICAST_IF）选定的那块，"
         "否则是路由指向的那块。这里都不合适：没有通往这个组的路由，或者这块网卡不能承载组播"
         "（在 Linux 上，lo 能承载 IPv4 组播，但不能承载 IPv6 组播）。"),
    ("Choose an interface that carries multicast. To keep the datagrams on this computer, set the TTL "
     "(hop limit) to 0 with loopback on, or use an interface-local IPv6 group (ff01:: or ff11::)."):
        ("选择一块能承载组播的网卡。要让数据报只留在本机，可以把 TTL（跳数限制）设为 0 并打开回环，"
         "或者使用接口本地范围的 IPv6 组（ff01:: 或 ff11::）。"),
    "There is no network interface “{name}” on this computer: choose one from the list.":
        "本机没有名为“{name}”的网卡：请从列表中选择一个。",
    "The interface {name} has no IPv4 address, so an IPv4 group cannot be joined on it: choose another.":
        "网卡 {name} 没有 IPv4 地址，不能在它上面加入 IPv4 组：请选择其他网卡。",
    "“{text}” is not an IP address: type a multicast group such as 239.1.2.3 or ff15::1.":
        "“{text}”不是 IP 地址：请输入组播组地址，如 239.1.2.3 或 ff15::1。",
    ("{group} is not a multicast group address: IPv4 groups run from 224.0.0.0 to 239.255.255.255 "
     "(239.x.y.z is meant for your own use), and IPv6 groups start with ff (such as ff15::1)."):
        ("{group} 不是组播组地址：IPv4 组播地址从 224.0.0.0 到 239.255.255.255"
         "（239.x.y.z 供自己内部使用），IPv6 组播地址以 ff 开头（如 ff15::1）。"),
    "This system cannot join IPv6 multicast groups (it has no IPV6_JOIN_GROUP).":
        "这个系统不能加入 IPv6 组播组（它没有 IPV6_JOIN_GROUP）。",
    ("{group} is an {family} group, but this socket is bound to {other} addresses only: open the tab on "
     "an {family} address (such as {wildcard}) to join it."):
        ("{group} 是 {family} 组，但这个套接字只绑定了 {other} 地址：请在 {family} 地址"
         "（如 {wildcard}）上打开标签页后再加入。"),
    "This socket is already a member of {group} on interface {interface}.":
        "这个套接字已经在网卡 {interface} 上加入了 {group}。",
    "This socket is not a member of {group}, so there is nothing to leave.":
        "这个套接字没有加入 {group}，无需退出。",
    "Could not join {group} on interface {interface}: {reason}":
        "无法在网卡 {interface} 上加入 {group}：{reason}",
    ("Could not join {group} on interface {interface}: the system has no route for multicast there (no "
     "such interface, or no default route to choose one by). Choose an interface."):
        ("无法在网卡 {interface} 上加入 {group}：系统在那里没有组播路由（没有这块网卡，"
         "或者没有默认路由可供选择）。请选择一块网卡。"),
    "Could not change the socket options: {reason}": "无法更改套接字选项：{reason}",
    "Joined the multicast group {group} on interface {interface}.":
        "已在网卡 {interface} 上加入组播组 {group}。",
    "Left the multicast group {group}.": "已退出组播组 {group}。",
    ("This socket is bound to {bound}, but the system hands a group's datagrams only to sockets bound to "
     "the wildcard address ({wildcard}) or to the group's own address ({group}): nothing sent to {group} "
     "arrives here until the socket is bound to one of those."):
        ("这个套接字绑定在 {bound}，但系统只把组的数据报交给绑定在通配地址（{wildcard}）"
         "或组地址本身（{group}）上的套接字：在绑定到其中之一之前，发给 {group} 的数据都不会到达这里。"),
    # --- auto-reply rules and receive framing ---
    "Auto-reply rules…": "自动回复规则…",
    "Receive framing…": "接收分包…",
    "Auto-reply rules — {tab}": "自动回复规则 — {tab}",
    "Each message received is answered by the first enabled rule that matches it, every time it matches. "
    "Changes apply at once, and at the next start.":
        "每收到一条消息，就用第一条匹配它的已启用规则回复；每次匹配都会回复。修改立即生效，下次启动时也生效。",
    "On TCP a message is what one recv() returned, unless Tools → Receive framing… cuts the stream into "
    "lines or other messages.":
        "在 TCP 上，一条消息就是一次 recv() 返回的数据，除非用“工具 → 接收分包…”把数据流切分成行或其他消息。",
    "Echo: send the message back": "回显：把消息原样发回",
    "[time] message, as the seed's UDP server": "[时间] 消息，和示例的 UDP 服务器一样",
    "Fixed reply to every message": "对每条消息都回复固定内容",
    "Message contains text": "消息包含文本",
    "Message matches a regular expression": "消息匹配正则表达式",
    "Message starts with hex bytes": "消息以十六进制字节开头",
    "echo": "回显",
    "[time] message": "[时间] 消息",
    "fixed": "固定",
    "contains": "包含",
    "regex": "正则",
    "hex prefix": "十六进制前缀",
    "Answers every message with the message itself.": "用消息本身回复每条消息。",
    "Answers every message with the time and the message: [Sun Nov 29 18:22:38 2026] message.":
        "用时间加消息回复每条消息：[Sun Nov 29 18:22:38 2026] 消息。",
    "Answers every message with the reply below.": "用下面的回复内容回复每条消息。",
    "The pattern is text, found anywhere in the message; escapes such as \\r\\n and \\x00 work.":
        "模式是文本，出现在消息的任意位置即匹配；可以使用 \\r\\n、\\x00 等转义。",
    "The pattern is a Python regular expression, searched in the message as text. In the reply \\1 or "
    "\\g<name> puts in what a group matched, \\g<0> the whole match.":
        "模式是 Python 正则表达式，在按文本解码的消息中查找。回复中的 \\1 或 \\g<name> "
        "代入分组匹配到的内容，\\g<0> 代入整个匹配。",
    "The pattern is bytes in hex, such as AA 55, that the message starts with.":
        "模式是消息开头的十六进制字节，例如 AA 55。",
    "A text reply may use escapes: \\r\\n, \\t, \\x00.": "文本回复可以使用转义：\\r\\n、\\t、\\x00。",
    "On": "启用",
    "Kind": "类型",
    "Pattern": "模式",
    "Reply": "回复",
    "Format": "格式",
    "yes": "是",
    "no": "否",
    "Rule": "规则",
    "Kind:": "类型：",
    "Pattern:": "模式：",
    "Reply:": "回复：",
    "Add rule": "添加规则",
    "Update selected": "更新选中",
    "Delete": "删除",
    "Move up": "上移",
    "Move down": "下移",
    "Enable / disable": "启用 / 停用",
    "Select a rule in the list first.": "请先在列表中选择一条规则。",
    "{count} rule enabled: it answers at once while the tab runs, and after each start.":
        "已启用 {count} 条规则：标签页运行时立即回复，以后每次启动也会回复。",
    "{count} rules enabled: they answer at once while the tab runs, and after each start.":
        "已启用 {count} 条规则：标签页运行时立即回复，以后每次启动也会回复。",
    "Text encoding:": "文本编码：",
    "Loop guard: at most": "防循环：每秒最多",
    "replies/s to one peer": "次回复/秒（同一对端）",
    "More replies than that to one peer within a second pause auto-replies to it for 5 s and say so in the "
    "log: two endpoints answering each other stop. 0 turns the guard off.":
        "一秒内对同一对端的回复超过这个次数，就暂停对它自动回复 5 秒，并在日志中说明："
        "这样两个互相自动回复的端点就会停下来。0 表示关闭防循环。",
    "{peer} (auto-reply, rule {number})": "{peer}（自动回复，规则 {number}）",
    "Type the pattern to look for in each message.": "请输入要在每条消息中查找的模式。",
    "Type the reply to send.": "请输入要发送的回复。",
    "The pattern is not a valid regular expression: {reason} (at position {position}).":
        "模式不是有效的正则表达式：{reason}（位置 {position}）。",
    "The pattern is not a valid regular expression: the “(” at position {position} is never closed.":
        "模式不是有效的正则表达式：位置 {position} 的“(”没有闭合。",
    "The pattern is not a valid regular expression: the “)” at position {position} has no “(” before it.":
        "模式不是有效的正则表达式：位置 {position} 的“)”前面没有对应的“(”。",
    "The pattern is not a valid regular expression: the repeat at position {position} has nothing before it "
    "to repeat (write \\* or \\+ for the character itself).":
        "模式不是有效的正则表达式：位置 {position} 的重复符号前面没有可重复的内容"
        "（要表示这个字符本身，请写 \\* 或 \\+）。",
    "The pattern is not a valid regular expression: two repeats follow each other at position {position} "
    "(write \\+ or \\* for the character itself).":
        "模式不是有效的正则表达式：位置 {position} 有两个重复符号连在一起"
        "（要表示这个字符本身，请写 \\+ 或 \\*）。",
    "The pattern is not a valid regular expression: the “[” at position {position} is never closed.":
        "模式不是有效的正则表达式：位置 {position} 的“[”没有闭合。",
    "The pattern is not a valid regular expression: the escape at position {position} is unknown (write \\\\ "
    "for a backslash).":
        "模式不是有效的正则表达式：位置 {position} 的转义无法识别（反斜杠本身请写 \\\\）。",
    "The pattern is not a valid regular expression: the range at position {position} runs backwards (write "
    "a-z, not z-a).":
        "模式不是有效的正则表达式：位置 {position} 的字符范围是反的（应写 a-z，而不是 z-a）。",
    "Only a regex rule has groups to put in the reply ({ref} at position {position}). For a backslash "
    "itself, write \\\\.":
        "只有正则规则才有可代入回复的分组（位置 {position} 的 {ref}）。反斜杠本身请写 \\\\。",
    "The reply uses group {group} at position {position}, but the pattern has only {count} (put parentheses "
    "around each part to capture).":
        "回复在位置 {position} 用到了分组 {group}，但模式只有 {count} 个分组（用括号把要捕获的部分括起来）。",
    "The reply uses the group named “{name}” at position {position}, but the pattern has no group of that "
    "name (name one with (?P<{name}>…)).":
        "回复在位置 {position} 用到了名为“{name}”的分组，但模式中没有这个名字的分组"
        "（可用 (?P<{name}>…) 命名）。",
    "“\\g<” at position {position} is not closed: write \\g<name> or \\g<1>.":
        "位置 {position} 的“\\g<”没有闭合：请写成 \\g<name> 或 \\g<1>。",
    "The loop guard's limit must be a whole number of replies per second from 0 (off) to {limit}.":
        "防循环的上限必须是每秒回复次数，取 0（关闭）到 {limit} 之间的整数。",
    "The loop guard's pause must be a number of seconds greater than 0 and at most 3600.":
        "防循环的暂停时间必须是大于 0、不超过 3600 的秒数。",
    "Unknown rule kind “{kind}”: choose one of {choices}.": "未知的规则类型“{kind}”：请从 {choices} 中选择。",
    "Auto-reply paused for {peer}: {count} replies in 1 s — a loop? Its messages are not answered for "
    "{seconds} s.":
        "已暂停对 {peer} 的自动回复：1 秒内回复了 {count} 次——是不是形成了循环？"
        "接下来 {seconds} 秒内不回复它的消息。",
    "Auto-reply to {peer} resumes ({count} messages went unanswered while it was paused).":
        "恢复对 {peer} 的自动回复（暂停期间有 {count} 条消息没有回复）。",
    "Auto-reply rule {number} failed and is skipped until the rules change: {reason}":
        "自动回复规则 {number} 出错，在规则修改之前跳过它：{reason}",
    "Receive framing — {tab}": "接收分包 — {tab}",
    "TCP delivers a stream of bytes: one recv() may hold half a message or several. Choose where a message "
    "ends; the log then shows one message per entry and the counters count messages.":
        "TCP 传送的是字节流：一次 recv() 可能只有半条消息，也可能有好几条（粘包）。"
        "请选择消息在哪里结束；之后日志每条记录显示一条消息，计数器也按消息计数。",
    "UDP keeps the boundaries: each datagram is already one message, so there is nothing to frame on this "
    "tab.":
        "UDP 保留消息边界：每个数据报本身就是一条消息，所以这个标签页不需要分包。",
    "Off: show the data as each recv() returns it": "关闭：按每次 recv() 返回的样子显示数据",
    "Lines ending in LF (\\n)": "以 LF（\\n）结尾的行",
    "Lines ending in CRLF (\\r\\n)": "以 CRLF（\\r\\n）结尾的行",
    "Custom delimiter:": "自定义分隔符：",
    "Idle gap: a message ends after": "按空闲时间：消息结束于",
    "ms without data": "毫秒没有数据之后",
    "Maximum message size:": "最大消息长度：",
    "KiB (longer: shown as it is, with a note)": "KiB（超过时按原样显示并给出提示）",
    "The delimiter stays at the end of its message: saved data stays exactly what arrived.":
        "分隔符保留在消息末尾：保存的数据与收到的完全一致。",
    "Applied: at once while the tab runs, and at each start.":
        "已应用：标签页运行时立即生效，以后每次启动也生效。",
    "Framing is off: data is shown as each recv() returns it.":
        "分包已关闭：数据按每次 recv() 返回的样子显示。",
    "Apply": "应用",
    "Type the delimiter that ends a message, for example \\r\\n or, as hex, 0D 0A.":
        "请输入表示消息结束的分隔符，例如 \\r\\n，或十六进制的 0D 0A。",
    "A delimiter of at most {limit} bytes, please (this one has {size}).":
        "分隔符最多 {limit} 个字节（这个有 {size} 个）。",
    "The idle gap must be a number of milliseconds from 1 to {limit}.":
        "空闲时间必须是 1 到 {limit} 之间的毫秒数。",
    "The maximum message size must be a whole number of KiB from 1 to {limit}.":
        "最大消息长度必须是 1 到 {limit} 之间的整数（单位 KiB）。",
    "Unknown framing “{mode}”: choose one of {choices}.": "未知的分包方式“{mode}”：请从 {choices} 中选择。",
    "Receive framing takes a FramingSpec (netcore.framing) or None, not {kind}.":
        "接收分包需要 FramingSpec（netcore.framing）或 None，而不是 {kind}。",
    "A message from {peer} reached the maximum size of {size} bytes without its end: it is shown as it is, "
    "and what follows is framed again.":
        "来自 {peer} 的一条消息达到最大长度 {size} 字节仍未结束：按原样显示，后面的数据继续分包。",
    # --- saved messages and settings remembered (issue 12, features 7 and 9) ---
    "The file is not valid JSON: {reason} (line {line}, column {column}).":
        "这个文件不是有效的 JSON：{reason}（第 {line} 行，第 {column} 列）。",
    "The file is not UTF-8 text, so it cannot be a saved-messages file.":
        "这个文件不是 UTF-8 文本，所以不可能是常用消息文件。",
    ("The file does not hold saved messages: SockLab expects a list of messages, or an object whose "
     "“messages” is that list."):
        "这个文件里没有常用消息：SockLab 需要一个消息列表，或者一个其“messages”为该列表的对象。",
    "The file says it is “{found}”, not a SockLab saved-messages file.":
        "这个文件声明自己是“{found}”，不是 SockLab 的常用消息文件。",
    "The file was written by a newer SockLab (format version {found}); this one reads version {version}.":
        "这个文件由更新版本的 SockLab 写入（格式版本 {found}）；当前版本只能读取版本 {version}。",
    "Message {number} in the file is not a message: each one is an object with a “name” and a “text”.":
        "文件中的第 {number} 条不是消息：每条消息都应是带有“name”和“text”的对象。",
    "Message {number} in the file has no “{field}” (it needs text there).":
        "文件中的第 {number} 条消息缺少“{field}”（那里需要一段文本）。",
    "Message {number} in the file: the name must be 1 to {most} characters.":
        "文件中的第 {number} 条消息：名称必须是 1 到 {most} 个字符。",
    "Message “{name}” in the file is longer than {most} characters.":
        "文件中的消息“{name}”超过了 {most} 个字符。",
    "Message “{name}” in the file: “{value}” is not a valid {field}; use one of: {choices}.":
        "文件中的消息“{name}”：“{value}”不是有效的 {field}；请使用以下之一：{choices}。",
    "Message “{name}” in the file cannot be sent as written: {problem}":
        "文件中的消息“{name}”按原样无法发送：{problem}",
    "The file holds {count} messages; SockLab keeps at most {most}.":
        "这个文件有 {count} 条消息；SockLab 最多保存 {most} 条。",
    "The file is {size} bytes; a saved-messages file is at most {most} bytes.":
        "这个文件有 {size} 字节；常用消息文件最多 {most} 字节。",
    ("“{placeholder}” at position {position} is not a placeholder. Use {counter}, {time} or {random}, or "
     "write {brace} for a brace itself."):
        "第 {position} 个字符处的“{placeholder}”不是占位符。请使用 {counter}、{time} 或 {random}；"
        "要写花括号本身，请写 {brace}。",
    "“{placeholder}” at position {position} asks for {count} bytes: {name} takes from 1 to {most}.":
        "第 {position} 个字符处的“{placeholder}”要求 {count} 个字节：{name} 只能取 1 到 {most}。",
    ("The brace at position {position} is not closed. Close the placeholder with }}, or write {brace} for "
     "a brace itself."):
        "第 {position} 个字符处的花括号没有闭合。请用 }} 结束占位符；要写花括号本身，请写 {brace}。",
    "Saved": "常用",
    ("The settings file could not be read ({reason}). It was kept as {backup}, and SockLab started with "
     "the default settings."):
        "无法读取设置文件（{reason}）。原文件已保留为 {backup}，SockLab 已使用默认设置启动。",
    ("The settings file {path} could not be read ({reason}). SockLab started with the default settings "
     "and will not write over that file this time."):
        "无法读取设置文件 {path}（{reason}）。SockLab 已使用默认设置启动，本次运行不会覆盖该文件。",
    ("The settings file could not be read ({reason}), nor renamed to keep it ({error}). SockLab started "
     "with the default settings and will not write over that file this time."):
        "无法读取设置文件（{reason}），也无法将其改名保留（{error}）。SockLab 已使用默认设置启动，"
        "本次运行不会覆盖该文件。",
    "Saved messages…": "常用消息…",
    "Saved messages": "常用消息",
    "No saved messages yet": "还没有常用消息",
    "Save what is typed as a message…": "把输入框中的内容存为常用消息…",
    "Reset {{counter}} (next send: {next})": "重置 {{counter}}（下次发送：{next}）",
    "Manage saved messages…": "管理常用消息…",
    "{count} more in Tools → Saved messages…": "还有 {count} 条，见“工具 → 常用消息…”",
    ("The saved messages stored with the settings could not be read ({problem}). They were kept as "
     "{backup}, and the library starts empty."):
        "无法读取设置中保存的常用消息（{problem}）。它们已保留为 {backup}，常用消息库从空开始。",
    "Saved message “{name}”: {problem}": "常用消息“{name}”：{problem}",
    ("Placeholders: {{counter}} this tab's send count (1, 2, 3…; {{counter:2}} as 2 bytes), {{time}} the "
     "time as HH:MM:SS.mmm, {{random}} a number 0–65535 ({{random:4}}: 4 random bytes), {{{{ for a brace. "
     "The checksum covers the message's bytes; the line ending comes after it."):
        "占位符：{{counter}} 本标签页的发送计数（1、2、3…；{{counter:2}} 为 2 个字节），{{time}} "
        "时间（HH:MM:SS.mmm），{{random}} 0–65535 的随机数（{{random:4}}：4 个随机字节），"
        "{{{{ 表示花括号本身。"
        "校验和覆盖消息的字节；换行符加在校验和之后。",
    "Next send from {tab}: {bytes}": "{tab}下次发送：{bytes}",
    "Give the message a name (1 to {most} characters).": "请给消息起个名称（1 到 {most} 个字符）。",
    "Another message is already called “{name}”.": "已经有另一条消息叫“{name}”。",
    "Saved “{name}”.": "已保存“{name}”。",
    "Not sent: {reason}": "未发送：{reason}",
    "Sent “{name}” from {tab}.": "已从{tab}发送“{name}”。",
    "Imported {count} messages from {path}.": "已从 {path} 导入 {count} 条消息。",
    "Imported 1 message from {path}.": "已从 {path} 导入 1 条消息。",
    "Could not import {path}: {problem} Your saved messages were not changed.":
        "无法导入 {path}：{problem}您的常用消息没有任何改变。",
    "Importing {count} messages would make more than {most}. Your saved messages were not changed.":
        "导入 {count} 条消息后将超过 {most} 条。您的常用消息没有任何改变。",
    "Exported {count} messages to {path}.": "已将 {count} 条消息导出到 {path}。",
    "Exported 1 message to {path}.": "已将 1 条消息导出到 {path}。",
    "Could not export to {path}: {reason}": "无法导出到 {path}：{reason}",
    "Escapes": "转义",
    "CRC-16/Modbus (2 bytes, low byte first)": "CRC-16/Modbus（2 字节，低字节在前）",
    "CRC-32 (4 bytes, big-endian)": "CRC-32（4 字节，大端）",
    "Sum-8 (1 byte)": "累加和-8（1 字节）",
    "XOR-8 (1 byte)": "异或-8（1 字节）",
    "Name": "名称",
    "Import…": "导入…",
    "Export…": "导出…",
    "New": "新建",
    "Save message": "保存消息",
    "Send now": "立即发送",
    "({count} byte)": "（{count} 字节）",
    "({count} bytes)": "（{count} 字节）",
    "Import saved messages": "导入常用消息",
    "Export saved messages": "导出常用消息",
    "Name:": "名称：",
    "Message:": "消息：",
    "Checksum:": "校验和：",
    "JSON files": "JSON 文件",
    # --- periodic send and send file ---
    "Periodic send…": "定时发送…",
    "Send file…": "发送文件…",
    "Periodic send — {tab}": "定时发送 — {tab}",
    ("Sends the message in the tab's send box (encoded as set there) again and again, to whom the tab's "
     "Send button would. The timing runs beside the socket, not in the window: down to 1 ms."):
        ("反复发送本标签页发送框中的消息（按那里设置的方式编码），发给本标签页“发送”按钮会发给的对象。"
         "计时在套接字一侧进行，而不是在窗口里：间隔最短 1 毫秒。"),
    "Not sending.": "未在发送。",
    "Interval (ms):": "间隔（毫秒）：",
    "Count (0 = until stopped):": "次数（0 = 直到停止）：",
    "Start": "开始",
    "Stop": "停止",
    "Cancel": "取消",
    "Start the tab first (Start listening, Connect or Open), then start sending.":
        "请先启动本标签页（开始监听、连接或打开），然后再开始发送。",
    "There is nothing to send: type a message in the tab's send box first.":
        "没有可发送的内容：请先在本标签页的发送框中输入消息。",
    "Select one or more in the list first, or choose to send to all.":
        "请先在列表中选中一个或多个，或者选择发送给全部。",
    "every client": "所有客户端",
    "the last sender ({peer})": "最近的发送方（{peer}）",
    "Sending every {interval} ms: {sent} / {count}": "每 {interval} 毫秒发送一次：{sent} / {count}",
    "Sending every {interval} ms: {sent} sent (until stopped)":
        "每 {interval} 毫秒发送一次：已发送 {sent} 条（直到停止）",
    "{rate} messages/s measured": "实测 {rate} 条/秒",
    "{skipped} skipped: the write buffer was full": "跳过 {skipped} 次：写缓冲区已满",
    "{missed} missed after a stall": "停顿后错过 {missed} 次",
    "{skipped} skipped (write buffer full), {missed} missed after a stall.":
        "跳过 {skipped} 次（写缓冲区已满），停顿后错过 {missed} 次。",
    "Periodic send {how}: {sent} sent in {seconds} s, {rate} messages/s measured.":
        "定时发送{how}：{seconds} 秒内发送 {sent} 条，实测 {rate} 条/秒。",
    "Periodic send started: {size} bytes every {interval} ms to {target}, {count}.":
        "定时发送已开始：每 {interval} 毫秒向 {target} 发送 {size} 字节，{count}。",
    "until stopped": "直到停止",
    "{count} time": "共 {count} 次",
    "{count} times": "共 {count} 次",
    "Sending {name}: {sent} of {total} ({percent}%) · {rate}":
        "正在发送 {name}：{sent} / {total}（{percent}%）· {rate}",
    "Sending {name} {how}: {sent} of {total} in {seconds} s ({rate}).":
        "发送 {name} {how}：{seconds} 秒内发送 {sent} / {total}（{rate}）。",
    "Sending the file {path} to {target}.": "正在把文件 {path} 发送给 {target}。",
    "finished": "已完成",
    "stopped": "已停止",
    "ended: the socket closed": "已结束：套接字已关闭",
    "ended: nobody is left to send to": "已结束：没有可以发送的对象了",
    "failed": "失败",
    "Send file — {tab}": "发送文件 — {tab}",
    ("The file is streamed over the connection a chunk at a time, as fast as the peer reads it; it is never "
     "read whole into memory."):
        "文件按块通过连接流式发送，速度取决于对方读取的快慢；文件从不会被整个读入内存。",
    ("The file is cut into datagrams of at most the size below, sent in order. UDP does not resend what is "
     "lost: pace the datagrams if the receiver drops some."):
        ("文件被切分成不超过下面大小的数据报，按顺序发送。UDP 不会重发丢失的数据："
         "如果接收方丢弃了一些，请放慢数据报的发送节奏。"),
    "Choose a file, then Send.": "请选择一个文件，然后点“发送”。",
    "As fast as possible": "尽可能快",
    "Datagrams per second:": "每秒数据报数：",
    "Gap between datagrams (ms):": "数据报间隔（毫秒）：",
    "Datagram size (bytes):": "数据报大小（字节）：",
    "Pace:": "节奏：",
    "File:": "文件：",
    "Browse…": "浏览…",
    "Choose a file to send": "选择要发送的文件",
    "Choose a file to send.": "请选择要发送的文件。",
    "There is no file {path}.": "文件 {path} 不存在。",
    "SockLab is not allowed to read {path} (permission denied).": "SockLab 无权读取 {path}（权限被拒绝）。",
    "{path} is a folder, not a file.": "{path} 是一个文件夹，不是文件。",
    "{path} is not a regular file (a device or a pipe has no end to send up to).":
        "{path} 不是普通文件（设备或管道没有尽头，无法发送完）。",
    "Could not read {path}: {reason}.": "无法读取 {path}：{reason}。",
    "The datagram size must be a whole number of bytes from 1 to {limit}.":
        "数据报大小必须是 1 到 {limit} 之间的整数字节数。",
    ("The pace must be datagrams per second (more than 0, at most 10,000,000) or a gap between datagrams in "
     "milliseconds (0 to 3,600,000), not both."):
        ("节奏必须是每秒数据报数（大于 0，最多 10,000,000）或数据报间隔毫秒数（0 到 3,600,000），"
         "二者只能选一个。"),
    "Not connected yet: wait until the connection is open, then start.": "尚未连接：请等连接建立后再开始。",
    "Not ready yet: wait until the socket is open, then start.": "尚未就绪：请等套接字打开后再开始。",
    "Say whom to send to: a client's connection number, several, or None for every client.":
        "请指明发送对象：一个客户端的连接编号、多个编号，或 None 表示所有客户端。",
    "This endpoint cannot send on its own: use a TCP or UDP client or server.":
        "这个端点不能自行发送：请使用 TCP 或 UDP 的客户端或服务器。",
    "The interval must be a number of milliseconds from 1 to 86,400,000 (one day).":
        "间隔必须是 1 到 86,400,000（一天）之间的毫秒数。",
    "The count must be a whole number from 1 to 1,000,000,000, or 0 to send until stopped.":
        "次数必须是 1 到 1,000,000,000 之间的整数，或者 0 表示一直发送直到停止。",
    "The message function failed: {detail}": "生成消息的函数出错：{detail}",
    "The message is empty: there is nothing to send.": "消息为空：没有可发送的内容。",
    "This job has already been started: make a new one.": "这个任务已经启动过了：请新建一个。",
    # --- the unreliable network lab (issue 14) ---
    "{sent} sent, {received} received, {duplicated} duplicated, {out_of_order} out of order":
        "发送 {sent} 个，收到 {received} 个，重复 {duplicated} 个，乱序 {out_of_order} 个",
    "# dropped by the impairment lab (never sent)": "# 被网络损伤实验丢弃（从未发出）",
    "# duplicated by the impairment lab: sent twice": "# 被网络损伤实验复制：发送了两次",
    "# delayed by the impairment lab (sent later)": "# 被网络损伤实验延迟（稍后发出）",
    "# held back by the impairment lab: later datagrams overtake it":
        "# 被网络损伤实验扣住：后发的数据报会先到",
    "The impairment settings must be an Impairment value (netcore.impairment), not {kind}.":
        "网络损伤设置必须是 Impairment 值（netcore.impairment），而不是 {kind}。",
    "The seed must be a whole number from 0 to {limit} (leave it empty for a random one), not “{value}”.":
        "随机种子必须是 0 到 {limit} 之间的整数（留空则随机选一个），而不是“{value}”。",
    ("Impairment lab on for what this socket sends: {loss} % lost, {duplicate} % sent twice, "
     "{reorder} % held back up to {window} ms (out of order), delay {delay} ms ± {jitter} ms; "
     "seed {seed} (the same seed and settings repeat the same run)."):
        ("网络损伤实验已开启，作用于这个套接字发出的数据：丢包 {loss} %，重复发送 {duplicate} %，"
         "{reorder} % 被扣住最多 {window} 毫秒（乱序），延迟 {delay} 毫秒 ± {jitter} 毫秒；"
         "随机种子 {seed}（同样的种子和设置会重现同样的结果）。"),
    "Impairment lab off: datagrams go out as they are sent.":
        "网络损伤实验已关闭：数据报按发送的样子发出。",
    "Loss must be a percentage from 0 to 100 (for example 10 or 2.5), not “{value}”.":
        "丢包率必须是 0 到 100 之间的百分比（例如 10 或 2.5），而不是“{value}”。",
    "Duplicates must be a percentage from 0 to 100 (for example 5), not “{value}”.":
        "重复率必须是 0 到 100 之间的百分比（例如 5），而不是“{value}”。",
    "Reordering must be a percentage from 0 to 100 (for example 10), not “{value}”.":
        "乱序率必须是 0 到 100 之间的百分比（例如 10），而不是“{value}”。",
    "The reordering window must be a number of milliseconds from 1 to {limit}, not “{value}”.":
        "乱序时间窗必须是 1 到 {limit} 之间的毫秒数，而不是“{value}”。",
    "The delay must be a number of milliseconds from 0 to {limit}, not “{value}”.":
        "延迟必须是 0 到 {limit} 之间的毫秒数，而不是“{value}”。",
    "The jitter must be a number of milliseconds from 0 to {limit}, not “{value}”.":
        "抖动必须是 0 到 {limit} 之间的毫秒数，而不是“{value}”。",
    "drop this percentage of the datagrams sent (impairment lab)":
        "按这个百分比丢弃发出的数据报（网络损伤实验）",
    "send this percentage of the datagrams twice": "按这个百分比把数据报发送两次",
    "hold back this percentage of the datagrams so later ones overtake them":
        "按这个百分比扣住数据报，让后发的先到",
    "how long a reordered datagram is held back at most (default 50 ms)":
        "乱序的数据报最多被扣住多久（默认 50 毫秒）",
    "delay every datagram sent by this many milliseconds": "每个发出的数据报都延迟这么多毫秒",
    "vary the delay by up to this many milliseconds either way":
        "让延迟上下浮动最多这么多毫秒",
    "seed of the random choices: the same seed repeats the same run":
        "随机选择的种子：同样的种子重现同样的结果",
    "⚠ impaired": "⚠ 网络损伤中",
    "Unreliable network: {tab}": "不可靠网络：{tab}",
    ("On loopback no datagram is ever lost, copied or reordered, so UDP looks reliable. Here this tab's "
     "socket mistreats the datagrams it sends, as a bad network can: some are dropped, some sent twice, "
     "some held back so later ones overtake them, all delayed. The log, the trace and the status line say "
     "when it is on."):
        ("在本机回环上，数据报从不丢失、重复或乱序，所以 UDP 看起来很可靠。这里让这个标签页的套接字像糟糕的"
         "网络那样对待它发出的数据报：有的丢掉，有的发送两次，有的被扣住让后发的先到，全部可以延迟。开启时，"
         "日志、调用跟踪和状态栏都会标明。"),
    ("The impairment lab works on the UDP tabs. TCP is a stream: dropping or reordering its bytes inside "
     "SockLab would only break the connection. On a real network TCP's kernel numbers every byte, sends "
     "again what was lost and puts early bytes back in order, so recv() always gets every byte once and in "
     "order. Learn → Numbered messages demonstration shows both."):
        ("网络损伤实验只用于 UDP 标签页。TCP 是字节流：在 SockLab 内部丢弃或打乱它的字节只会弄坏连接。"
         "在真实网络上，TCP 的内核给每个字节编号，重传丢失的部分，并把先到的字节重新排好顺序，所以 recv() "
         "总是不多不少、按顺序地拿到每个字节。“学习 → 编号消息演示”可以同时看到两者。"),
    "Off: datagrams go out as they are sent.": "已关闭：数据报按发送的样子发出。",
    "On: applies to what this tab sends.": "已开启：作用于这个标签页发出的数据。",
    "On from the next Open.": "下次打开时开启。",
    "empty: a new one at each start (the log says which)":
        "留空：每次启动随机选一个（日志里会写出）",
    "Loss:": "丢包：",
    "Duplicates:": "重复：",
    "Reordering:": "乱序：",
    "Held back up to:": "最多扣住：",
    "Delay:": "延迟：",
    "Jitter (±):": "抖动（±）：",
    "Seed:": "随机种子：",
    "Example: a bad network": "示例：糟糕的网络",
    "Turn off": "关闭损伤",
    "Unreliable network (impairment)…": "不可靠网络（网络损伤）…",
    "Numbered messages demonstration…": "编号消息演示…",
    "Opening the tabs on this computer (127.0.0.1)…": "正在本机（127.0.0.1）上打开标签页…",
    "Sent {count} numbered messages; the list fills in as they arrive.":
        "已发送 {count} 条编号消息；列表随到达逐条填入。",
    "The {tab} tab could not start: its log says why.":
        "“{tab}”标签页无法启动：原因见它的日志。",
    "The {tab} tab could not connect or open: its log says why.":
        "“{tab}”标签页无法连接或打开：原因见它的日志。",
    "The {tab} tab uses a Unix path: close it, then run the demonstration again.":
        "“{tab}”标签页使用的是 Unix 路径：请先关闭它，再运行演示。",
    ("The {client} tab is aimed at {remote}, not at the {server} tab: close it, then run the demonstration "
     "again."):
        "“{client}”标签页的目标是 {remote}，不是“{server}”标签页：请先关闭它，再运行演示。",
    "Sending stopped after {count}: the {tab} tab says why under its send box.":
        "发送了 {count} 条后停止：原因见“{tab}”标签页发送框下方。",
    "Numbered messages: datagrams against a stream": "编号消息：数据报与字节流对比",
    ("One click sends the numbers 1 to N from this window's client tabs to its server tabs, over UDP and "
     "over TCP, and lists what each server received, in the order it arrived. Turn the impairment lab on "
     "for the UDP client tab and the datagrams arrive with gaps, twice, or out of order; the stream never "
     "does."):
        ("点一下，就从本窗口的客户端标签页向服务器标签页发送编号 1 到 N，分别走 UDP 和 TCP，并按到达顺序列出"
         "每个服务器收到的内容。为 UDP 客户端标签页开启网络损伤实验后，数据报会出现缺失、重复或乱序；字节流"
         "则从不会。"),
    "Messages:": "消息数：",
    "Send from 1 to {limit} messages, not “{value}”.":
        "请发送 1 到 {limit} 条消息，而不是“{value}”。",
    "Impairment lab on the UDP client tab: off. On loopback every datagram then arrives once and in order.":
        "UDP 客户端标签页的网络损伤实验：已关闭。此时在本机回环上，每个数据报都恰好到达一次且按顺序到达。",
    ("Impairment lab on the UDP client tab: {loss} % lost, {duplicate} % sent twice, {reorder} % "
     "reordered, delay {delay} ms ± {jitter} ms."):
        ("UDP 客户端标签页的网络损伤实验：丢包 {loss} %，重复发送 {duplicate} %，乱序 {reorder} %，"
         "延迟 {delay} 毫秒 ± {jitter} 毫秒。"),
    "Not run yet.": "尚未运行。",
    "Never arrived: {numbers}": "从未到达：{numbers}",
    ("Here the messages came in {reads} recv() results: a stream keeps no boundaries, so each message ends "
     "with a newline."):
        "这里的消息分成 {reads} 次 recv() 结果到达：字节流不保留消息边界，所以每条消息以换行符结尾。",
    ("Received: how many different numbers arrived. Duplicated: copies of a number that had already "
     "arrived. Out of order: a number lower than the highest number that arrived before it (copies count "
     "only as duplicated). Marked: ✕ never arrived (where it should have come), ×2 a copy, ↩ out of order."):
        ("收到：到达了多少个不同的编号。重复：已经到达过的编号又来的副本。乱序：编号小于在它之前到达的最大"
         "编号（副本只算作重复）。标记：✕ 从未到达（标在它本该出现的位置），×2 副本，↩ 乱序。"),
    "×{copy} duplicate": "×{copy} 重复",
    "↩ out of order (after {after})": "↩ 乱序（在 {after} 之后）",
    "✕ {numbers} never arrived": "✕ {numbers} 从未到达",
    "UDP: datagrams": "UDP：数据报",
    "TCP: a stream": "TCP：字节流",
    ("UDP sends each datagram once and forgets it: no numbers, no acknowledgements, no second try. What "
     "arrives is what the network delivered, in the order it delivered it; a program that cares must number "
     "its messages itself, as here."):
        ("UDP 把每个数据报发出一次就不管了：没有编号，没有确认，也不会重发。收到的就是网络送来的，"
         "顺序也是网络送来的顺序；在意这些的程序必须像这里一样自己给消息编号。"),
    ("Impairment does not apply to a stream. TCP numbers every byte it sends: the receiving kernel "
     "acknowledges what it has, keeps segments that come early in a reordering buffer until the gap before "
     "them is filled, and throws away copies of bytes it already has; the sending kernel sends again "
     "(retransmits) whatever is not acknowledged in time. So recv() gets every number once and in order; "
     "on a bad network only later."):
        ("网络损伤不作用于字节流。TCP 给它发出的每个字节编号（序列号）：接收方内核确认已收到的部分，"
         "把提前到达的报文段放在乱序缓冲区里，直到前面的空缺补上，并丢弃已经有的字节的副本；发送方内核"
         "会重发（重传）没有按时得到确认的数据。所以 recv() 拿到的每个编号都恰好一次且按顺序；网络糟糕时"
         "只是来得晚一些。"),
    "Send over both": "两者都发送",
    "UDP only": "只发 UDP",
    "TCP only": "只发 TCP",
    "Impairment…": "网络损伤…",
    "and {count} more": "另有 {count} 个",
    ("The impairment lab (Learn → Unreliable network (impairment)…) changed this datagram before the socket "
     "saw it: a dropped one was never handed to the system; a delayed or held-back one is sent by a later "
     "line; a duplicated one is sent twice."):
        ("网络损伤实验（学习 → 不可靠网络（网络损伤）…）在套接字处理之前改变了这个数据报：被丢弃的"
         "从未交给系统；被延迟或扣住的由下面稍后的一行发出；被复制的会发送两次。"),
    # --- save received data per peer, export the log, statistics (issue 12, items 3 and 4) ---
    "Save received data, one file per peer…": "接收转存文件，每个对方一个文件…",
    "Save received data, one file per peer": "接收转存文件，每个对方一个文件",
    "Save received data from selected…": "把选中对方的接收数据转存文件…",
    "Save received data from selected": "把选中对方的接收数据转存文件",
    "Export log (CSV or text)…": "导出日志（CSV 或文本）…",
    "Export log": "导出日志",
    "CSV files (spreadsheets)": "CSV 文件（电子表格）",
    "Statistics…": "统计…",
    "Select a peer in the list first.": "请先在列表中选择一个对方。",
    "Exported {count} log entries to {path}.": "已把 {count} 条日志导出到 {path}。",
    "Exported {count} log entries to {path}; {dropped} older entries had already been dropped from the "
    "log (it keeps the newest {kept}): the file says so in its first row.":
        "已把 {count} 条日志导出到 {path}；更早的 {dropped} 条已被日志丢弃（日志只保留最新的 {kept} "
        "条），文件的第一行会说明这一点。",
    "Could not export the log to {path}: {reason}": "无法把日志导出到 {path}：{reason}",
    "Saving received data stopped: could not write to {path}: {reason}. The file holds the first {size} "
    "B; what arrived after that was not saved. The tab goes on running.":
        "接收转存已停止：无法写入 {path}：{reason}。文件里只有最先收到的 {size} 字节，之后收到的数据"
        "没有保存。这个标签页照常运行。",
    "Saving received data per peer stopped: could not write to {path}: {reason}. Each file holds what "
    "was written before ({size} B in all); what arrived after that was not saved. The tab goes on running.":
        "按对方转存已停止：无法写入 {path}：{reason}。每个文件保留了此前写入的内容（共 {size} 字节），"
        "之后收到的数据没有保存。这个标签页照常运行。",
    "Saving what each peer sends from now on to a file of its own: {pattern}":
        "从现在起，每个对方发来的数据各存一个文件：{pattern}",
    "Saving every byte {peer} sends from now on to {path}.":
        "从现在起，{peer} 发来的每个字节都保存到 {path}。",
    "Stopped saving per peer: no peer sent anything, so no file was made.":
        "已停止按对方转存：没有对方发来数据，所以没有生成文件。",
    "Stopped saving per peer: {count} file, {size} B in all, in {folder}.":
        "已停止按对方转存：{count} 个文件，共 {size} 字节，在 {folder}。",
    "Stopped saving per peer: {count} files, {size} B in all, in {folder}.":
        "已停止按对方转存：{count} 个文件，共 {size} 字节，在 {folder}。",
    "{count} more peer sent data but got no file: one saving makes at most {limit} files.":
        "另有 {count} 个对方发来了数据但没有文件：一次转存最多生成 {limit} 个文件。",
    "{count} more peers sent data but got no file: one saving makes at most {limit} files.":
        "另有 {count} 个对方发来了数据但没有文件：一次转存最多生成 {limit} 个文件。",
    "Stopped saving what {peer} sent: {size} B are in {path}.":
        "已停止转存 {peer} 的数据：{path} 中有 {size} 字节。",
    "permission denied: choose a folder you may write to": "权限不足：请选择一个你有写入权限的文件夹",
    "the disk is full": "磁盘已满",
    "your disk quota is used up": "你的磁盘配额已用完",
    "the file is larger than this disk or your limits allow": "文件超过了这个磁盘或你的限制所允许的大小",
    "the disk is read-only": "磁盘是只读的",
    "the folder does not exist": "文件夹不存在",
    "that is a folder, not a file": "那是一个文件夹，不是文件",
    "the disk reported an input/output error": "磁盘报告了输入/输出错误",
    "{count} older entries were dropped from the log before this export (it keeps the newest {kept}); "
    "File → Save received data keeps every byte.":
        "导出之前，日志已丢弃了更早的 {count} 条（日志只保留最新的 {kept} 条）；“文件 → 接收转存文件”"
        "会保存每个字节。",
    "the log kept only the first {kept} B of {size} B": "日志只保留了 {size} 字节中的前 {kept} 字节",
    "Date and time": "日期时间",
    "Direction": "方向",
    "Size (B)": "大小（字节）",
    "Note": "备注",
    "sent": "发送",
    "info": "信息",
    "error": "错误",
    "Statistics — {tab}": "统计 — {tab}",
    "All (this tab)": "全部（本标签页）",
    "{peer} (gone)": "{peer}（已离开）",
    "(not connected)": "（未连接）",
    "Throughput, last minute": "吞吐量曲线，最近一分钟",
    "in (received)": "入（接收）",
    "out (sent)": "出（发送）",
    "now": "现在",
    "−{seconds} s": "−{seconds} 秒",
    "{rate} · {messages} msg/s": "{rate} · {messages} 条/秒",
    "Messages in": "接收消息数",
    "Messages out": "发送消息数",
    "In now": "当前接收速率",
    "Out now": "当前发送速率",
    "Reset": "重置",
    "Counted since the tab started or the last Reset; rates over the last second.":
        "从标签页启动或上次重置起计数；速率按最近一秒计算。",

    # --- command line (issue 13): cli/ ---
    # cli/config.py: arguments checked before any socket opens
    "Say where: give the host and the port, for example 127.0.0.1 9999, or --unix PATH.":
        "请指明地址：给出主机和端口，例如 127.0.0.1 9999，或用 --unix 路径。",
    "Say which port, for example 9999 (0: the system chooses one).":
        "请指明端口，例如 9999（0：由系统选择一个空闲端口）。",
    "--unix PATH takes the place of HOST and PORT: give one or the other, not both.":
        "--unix 路径代替主机和端口：两者只能给出其一。",
    "Give --send or --send-file, not both.": "--send 和 --send-file 只能给出其一。",
    "--interval and --count repeat the --send or --send-file message: give one of them too.":
        "--interval 和 --count 用于重复发送 --send 或 --send-file 的消息：请同时给出其中之一。",
    "--reply takes echo, ctime, or fixed followed by the text to answer (you gave “{value}”).":
        "--reply 可选 echo、ctime，或 fixed 加上要回复的文本（你给出的是“{value}”）。",
    "The rule “{rule}” needs the form REGEX=REPLY, for example 'ping=pong'.":
        "规则“{rule}”应写成 正则表达式=回复 的形式，例如 'ping=pong'。",
    "The pattern of the rule “{rule}” is not a valid regular expression: {reason}.":
        "规则“{rule}”中的模式不是有效的正则表达式：{reason}。",
    "Cannot read the file {path}: {reason}.": "无法读取文件 {path}：{reason}。",
    "A server that answers by itself (--reply, --rule) reads nothing from stdin; "
    "--send is for clients and for greeting each TCP client.":
        "自动回复的服务器（--reply、--rule）不读取标准输入；--send 用于客户端，以及向每个 TCP 客户端发"
        "送问候。",
    # cli/exits.py: the exit codes, in --help
    "ok: the exchange ended normally": "成功：通信正常结束",
    "another error (a reset connection, permission denied)": "其他错误（连接被对方重置、权限不足等）",
    "bad arguments (an unknown option, a bad port, bad hex, a file that cannot be read)":
        "参数错误（未知选项、端口错误、十六进制错误、文件无法读取）",
    "refused: nobody is listening there": "连接被拒绝：对方没有在这个端口监听",
    "timeout: no connection or no answer within --timeout": "超时：在 --timeout 时间内没有连上或没有回复",
    "address in use: another program holds that port or path": "地址已被占用：另一个程序占用了该端口或路径",
    "host not found: the name could not be looked up": "找不到主机：无法解析该名称",
    "interrupted by Ctrl+C (143: ended by SIGTERM)": "被 Ctrl+C 中断（143：被 SIGTERM 结束）",
    # cli/help_format.py: argparse's own messages
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少以下参数：%s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可能是 %(matches)s",
    "ignored explicit argument %r": "多余的参数值 %r 被忽略",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    # cli/main.py, cli/output.py
    "Unexpected internal error (please report it): {detail}": "意外的内部错误（请报告此问题）：{detail}",
    "Run {command} --help to see every option.": "运行 {command} --help 查看所有选项。",
    "… and {count} more byte": "……还有 {count} 字节",
    "… and {count} more bytes": "……还有 {count} 字节",
    # cli/parser.py: --help
    "address": "地址",
    "what is sent": "发送什么",
    "answers (servers)": "自动回复（服务器）",
    "what is shown": "显示什么",
    "socket options": "套接字选项",
    "unreliable network (impairment lab)": "不可靠网络（网络损伤实验）",
    "Examples:": "示例：",
    "Exit codes:": "退出码：",
    "{prog} [options] HOST PORT   or   {prog} [options] --unix PATH":
        "{prog} [选项] HOST PORT   或   {prog} [选项] --unix PATH",
    "{prog} [options] [HOST] PORT   or   {prog} [options] --unix PATH":
        "{prog} [选项] [HOST] PORT   或   {prog} [选项] --unix PATH",
    "“{value}” is not a whole number from {low} to {high}.": "“{value}”不是 {low} 到 {high} 之间的整数。",
    "“{value}” is not a number of seconds greater than 0 and at most {high}.":
        "“{value}”不是大于 0、不超过 {high} 的秒数。",
    "“{value}” is not a number of milliseconds from 1 to {high}.": "“{value}”不是 1 到 {high} 之间的毫秒数。",
    "“{value}” is not a language: choose en or zh.": "“{value}”不是可用的语言：请选 en 或 zh。",
    "Listen for TCP clients. What they send goes to stdout; stdin goes to every client connected "
    "(or answer by itself with --reply or --rule).":
        "监听 TCP 客户端的连接。客户端发来的数据写到标准输出；标准输入发给每个已连接的客户端"
        "（或用 --reply、--rule 自动回复）。",
    "Connect to a TCP server. stdin is sent and what comes back goes to stdout. When stdin ends, this side "
    "half-closes the connection (shutdown SHUT_WR) and waits for the server to finish, as nc -N does.":
        "连接到 TCP 服务器。发送标准输入，收到的数据写到标准输出。标准输入结束时，本端半关闭连接"
        "（shutdown SHUT_WR），并像 nc -N 一样等待服务器结束。",
    "Receive UDP datagrams. Each one goes to stdout; lines of stdin go to the last sender "
    "(or answer by itself with --reply or --rule).":
        "接收 UDP 数据报，每个数据报写到标准输出；标准输入的每一行发给最后一个发送方"
        "（或用 --reply、--rule 自动回复）。",
    "Send UDP datagrams: each line of stdin (with its newline) is one datagram, and the replies go to "
    "stdout. When stdin ends it waits for replies: 1 s, or --timeout.":
        "发送 UDP 数据报：标准输入的每一行（连同换行符）是一个数据报，回复写到标准输出。"
        "标准输入结束后再等待回复：1 秒，或 --timeout 指定的时间。",
    "language of the messages and of this help (default: the system's)":
        "消息和本帮助的语言（默认：跟随系统）",
    "how stdin is read: raw (the default: bytes as they are), or line by line as text, hex (48 65 6C) or "
    "escapes (\\n, \\xNN), each line without its newline, then --line-ending":
        "如何读取标准输入：raw（默认：字节原样发送），或逐行按文本、十六进制（48 65 6C）或转义字符"
        "（\\n、\\xNN）读取，每行去掉换行符，再加上 --line-ending",
    "the text encoding of --mode text, --send, replies, --rule and --show: utf-8 (the default), gbk, "
    "latin-1, …":
        "--mode text、--send、回复、--rule 和 --show 使用的文本编码：utf-8（默认）、gbk、latin-1……",
    "added after each line read in a --mode other than raw, after --send and after each reply "
    "(default: none)":
        "加在非 raw 模式读取的每一行、--send 的内容和每次回复之后的换行符（默认：无）",
    "also print on stderr each message, timestamped, with its peer (→ sent, ← received), and what "
    "happens (· connected, closed…)":
        "同时在标准错误输出每条消息，带时间戳和对方地址（→ 发送，← 接收），以及发生的事情（· 连接、关闭……）",
    "print every socket call on stderr as a line of Python (the window's trace pane)":
        "在标准错误输出每一次套接字调用，写成一行 Python 代码（即窗口的调用跟踪）",
    "do not print where the server listens (errors are always printed)":
        "不输出服务器的监听地址（错误总会输出）",
    "give up when S seconds pass with nothing received or sent (a client's connect too): exit 4 if "
    "nothing at all was received, else 0":
        "S 秒内没有收发任何数据就结束（客户端的连接过程也受此限制）：若一直没有收到数据，退出码为 4，否"
        "则为 0",
    "SO_REUSEADDR (a TCP server sets it by itself: it can listen again at once after a restart)":
        "SO_REUSEADDR（TCP 服务器默认设置：重启后可立即再次监听）",
    "SO_RCVBUF: the receive buffer asked for": "SO_RCVBUF：申请的接收缓冲区大小",
    "SO_SNDBUF: the send buffer asked for": "SO_SNDBUF：申请的发送缓冲区大小",
    "IP_TTL (IPv6: IPV6_UNICAST_HOPS): how many routers a packet may cross":
        "IP_TTL（IPv6：IPV6_UNICAST_HOPS）：数据包最多可经过的路由器数",
    "where to listen (default 127.0.0.1: this computer only; 0.0.0.0 or :: for every network)":
        "监听的地址（默认 127.0.0.1：仅本机；0.0.0.0 或 :: 表示所有网络）",
    "the port; 0 lets the system choose a free one (the first line on stderr says which)":
        "端口；0 表示由系统选择一个空闲端口（标准错误的第一行会给出是哪一个）",
    "the server's name or IP address (IPv6 in brackets: [::1])":
        "服务器的主机名或 IP 地址（IPv6 写在方括号中：[::1]）",
    "the server's port": "服务器的端口",
    "a Unix socket path instead of HOST and PORT (a stream socket)":
        "用 Unix 套接字路径代替主机和端口（流套接字）",
    "a Unix socket path instead of HOST and PORT (a datagram socket)":
        "用 Unix 套接字路径代替主机和端口（数据报套接字）",
    "how many times to send it (default: once; with --interval, until stopped)":
        "发送次数（默认：一次；有 --interval 时一直发送，直到停止）",
    "answer each message by itself: echo (send it back), ctime (“[Sun Nov 29 18:22:38 2026] data”, as "
    "the seed's UDP server does) or fixed TEXT; stdin is then not read":
        "自动回复每条消息：echo（回显）、ctime（“[Sun Nov 29 18:22:38 2026] 数据”，与教程中的 UDP 服务"
        "器相同）"
        "或 fixed 文本；此时不读取标准输入",
    "answer a message whose text matches REGEX (a Python regular expression, searched) with REPLY; "
    "repeatable, the first match wins, and before --reply; write \\= for an = in REGEX":
        "文本与正则表达式 REGEX（Python 正则，搜索匹配）匹配的消息，回复 REPLY；可重复给出，"
        "第一条匹配的规则生效，且优先于 --reply；REGEX 中的 = 写作 \\=",
    "TCP_NODELAY: small writes go at once (on by default); --no-nodelay turns Nagle's algorithm on":
        "TCP_NODELAY：小数据立即发出（默认开启）；--no-nodelay 开启 Nagle 算法",
    "SO_KEEPALIVE: probe an idle connection": "SO_KEEPALIVE：探测空闲的连接",
    "SO_BROADCAST: allow sending to a broadcast address": "SO_BROADCAST：允许发送到广播地址",
    "IP_MULTICAST_TTL: how far multicast datagrams go": "IP_MULTICAST_TTL：组播数据报能传多远",
    "IP_MULTICAST_LOOP: hear this computer's own multicast datagrams":
        "IP_MULTICAST_LOOP：本机也能收到自己发出的组播数据报",
    "IP_MULTICAST_IF: the IPv4 address of the interface multicast leaves from":
        "IP_MULTICAST_IF：发送组播所用网卡的 IPv4 地址",
    "the local address to send from (bind() before connecting)": "发送所用的本地地址（连接前先 bind()）",
    "the local port to send from": "发送所用的本地端口",
    "send TEXT (read as --mode says) to each client as it connects; stdin is then not read":
        "每个客户端连上时向它发送 TEXT（按 --mode 解读）；此时不读取标准输入",
    "send TEXT (read as --mode says) instead of stdin": "发送 TEXT（按 --mode 解读），代替标准输入",
    "send the bytes of a file to each client as it connects; stdin is then not read":
        "每个客户端连上时向它发送文件的内容；此时不读取标准输入",
    "send the --send or --send-file message again every MS milliseconds, to every client connected":
        "每隔 MS 毫秒把 --send 或 --send-file 的消息再发给每个已连接的客户端（定时发送）",
    "send the --send or --send-file message again every MS milliseconds":
        "每隔 MS 毫秒再发送一次 --send 或 --send-file 的消息（定时发送）",
    "serve one client and exit when it leaves, as nc -l does":
        "只服务一个客户端，它断开后退出（与 nc -l 相同）",
    "exit after answering the first datagram (without --reply or --rule: when stdin ends)":
        "回复第一个数据报后退出（没有 --reply 或 --rule 时：标准输入结束时退出）",
    "at most N clients at once (default: 100)": "最多同时连接 N 个客户端（默认：100）",
    "send the bytes of a file instead of stdin": "发送文件的内容，代替标准输入（发送文件）",
    "send the whole file as one datagram instead of stdin": "把整个文件作为一个数据报发送，代替标准输入",
    # cli/roles_*.py, cli/session.py: how a run ends
    "No reply from {address} within {seconds} s: the connection is open, but nothing came back.":
        "{seconds} 秒内没有收到 {address} 的回复：连接是通的，但没有任何数据回来。",
    "No reply from {address} within {seconds} s.": "{seconds} 秒内没有收到 {address} 的回复。",
    "Nothing arrived within {seconds} s.": "{seconds} 秒内没有收到任何数据。",
    # --- connection quality of life (issue 12, feature 10): reconnect, max clients, local address, relay ---
    "Reconnect waits must be seconds with 0 < first ≤ cap ≤ 3600, a factor of at least 1 and a jitter "
    "from 0 to 0.5.":
        "重连等待时间必须是秒数，且 0 < first ≤ cap ≤ 3600，倍数至少为 1，抖动在 0 到 0.5 之间。",
    "Not connected: waiting to reconnect to {address}.": "未连接：正在等待重新连接 {address}。",
    "The relay’s target must be a host and a port (a Unix path is not offered here).":
        "转发的目标必须是主机和端口（这里不支持 Unix 路径）。",
    "{client} was closed: the relay could not reach its target {target}.":
        "已关闭 {client}：转发无法连接到目标 {target}。",
    "Closed {other} as well: {peer}, the other end of its relay, is gone.":
        "也关闭了 {other}：它所转发的另一端 {peer} 已断开。",
    "{address} was turned away (it was told “server full”): the limit of {limit} clients is reached.":
        "已拒绝 {address}（已告诉它“server full”）：已达到 {limit} 个客户端的上限。",
    "Looking for this computer’s addresses…": "正在查找本机的地址…",
    "{address}    this computer only": "{address}    仅本机",
    "{address}    every interface: reachable from the network":
        "{address}    所有网卡：网络上的其他计算机可以连接",
    "{address}    {interface}": "{address}    网卡 {interface}",
    "Automatic (the system chooses)": "自动（由系统选择）",
    "Reconnecting to {address} in {seconds} s (attempt {attempt}).":
        "{seconds} 秒后重新连接 {address}（第 {attempt} 次尝试）。",
    "reconnecting in {seconds} s, attempt {attempt}": "{seconds} 秒后自动重连，第 {attempt} 次",
    "reconnecting: attempt {attempt}…": "正在自动重连：第 {attempt} 次…",
    "Reconnected on attempt {attempt}.": "第 {attempt} 次尝试时已重新连接。",
    "Connections": "连接列表",
    "Type the target as host:port, e.g. 127.0.0.1:9999 or [::1]:9999 (you typed “{text}”).":
        "请按 主机:端口 输入目标，例如 127.0.0.1:9999 或 [::1]:9999（你输入的是“{text}”）。",
    "Select a connection in the list first: what you send goes to that side only.":
        "请先在列表中选择一个连接：发送的内容只发往那一端。",
    "client {client} → target {target}": "客户端 {client} → 目标 {target}",
    "target {target} → client {client}": "目标 {target} → 客户端 {client}",
    "TCP relay": "TCP 转发",
    "Target:": "目标:",
    "Relaying: each client of {address} is connected on to {target}.":
        "正在转发：连接到 {address} 的每个客户端都会被接到 {target}。",
    " The relay passes the half-close on to the other side.": " 转发会把半关闭传给另一端。",
    "The local address must be an IP address of this computer, such as 127.0.0.1 or ::1, or empty to let "
    "the system choose (you typed “{text}”).":
        "本地地址必须是本机的 IP 地址，例如 127.0.0.1 或 ::1；留空则由系统选择（你输入的是“{text}”）。",
    "The local port must be a whole number from 0 to 65535 (0 or empty: any free port).":
        "本地端口必须是 0 到 65535 之间的整数（0 或留空：任意空闲端口）。",
    "Connection settings…": "连接设置…",
    "Connection settings — {tab}": "连接设置 — {tab}",
    "These apply at the tab’s next start (Connect, Open or Start listening).":
        "这些设置在该标签页下次启动（连接、打开或开始监听）时生效。",
    "Nothing to set here for this tab: a UDP server binds the address in its form (choose one with ▾ beside "
    "the host).":
        "这个标签页没有可设置的内容：UDP 服务器绑定的是表单中的地址（可用主机旁的 ▾ 选择）。",
    "Reconnect automatically when the connection drops or is refused": "连接断开或被拒绝时自动重连",
    "Waits 0.5 s, then twice as long each time (with a little jitter), at most 30 s; the status line counts "
    "down. Disconnect stops it. While it waits nothing can be sent.":
        "先等 0.5 秒，之后每次加倍（带少量随机抖动），最多 30 秒；状态栏会倒计时。"
        "点“断开”即停止重连。等待期间不能发送。",
    "Local address:": "本地地址:",
    "Where the connection comes from: one of this computer’s addresses (bind before connect). Empty: the "
    "system chooses.":
        "连接从哪里发出：本机的某个地址（先绑定再连接）。留空则由系统选择。",
    "Local port:": "本地端口:",
    "0 or empty: any free port.": "0 或留空：任意空闲端口。",
    "Tell a client turned away by Max clients why (it reads “server full: N clients”)":
        "告诉因超过最大客户端数而被拒绝的客户端原因（它会收到“server full: N clients”）",
    "Off: it only sees the connection close.": "关闭时：它只会看到连接被关闭。",
    "Clients relayed at once; one more is closed at once.": "同时转发的客户端数；超出的会被立即关闭。",
    "Show code has no script for the TCP relay: it is a server and a client at once (two sockets per client, "
    "served by one selector loop). Try it on the TCP server or client tab.":
        "“查看代码”没有 TCP 转发的脚本：它同时是服务器和客户端"
        "（每个客户端两个套接字，由一个选择器循环服务）。请在 TCP 服务器或客户端标签页上试试。",
    # --- merge: the relay tab and the Tools menu ---
    "The TCP relay passes bytes on as they come, in both directions: auto-reply rules and receive framing "
    "belong to the server and client tabs.":
        "TCP 转发把字节按到达的样子双向转交：自动回复规则和接收分包用于服务器和客户端标签页。",
}
