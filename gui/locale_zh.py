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
    "Stopped saving received data to {path}: {reason}": "写入 {path} 出错，已停止接收转存：{reason}",

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
}
