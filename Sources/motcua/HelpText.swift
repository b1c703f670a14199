import MotCuaServer

/// Help texts for the command line, in Vietnamese.
enum HelpText {
    static let version = "0.1.0"

    static let main = """
        motcua — trợ lý dịch vụ công qua Zalo, Telegram và Messenger (webhook server)

        Cách dùng: motcua <lệnh> [tùy chọn]

        Các lệnh:
          serve     chạy webhook server cho đến khi nhận SIGINT/SIGTERM
          demo      chạy server, một Zalo giả lập trên máy và một khung chat trong terminal
          chat      nói chuyện với trợ lý ngay trong tiến trình, không cần server
          lint      kiểm tra kịch bản và tin nhắn, in mỗi lỗi dạng tệp:dòng: nội dung
          migrate   cập nhật cấu trúc cơ sở dữ liệu đã cấu hình (SQLite hoặc PostgreSQL)
          replay    chạy lại các kịch bản thử (fixtures/conversations) và chỉ ra câu trả lời khác đi
          broadcast cán bộ tạo, duyệt, theo dõi, tạm dừng, hủy thông báo gửi người dân
          --help    in hướng dẫn này; 'motcua <lệnh> --help' cho từng lệnh
          --version in phiên bản

        Mã thoát: 0 thành công, 1 công việc có lỗi, 2 cách dùng hoặc dữ liệu vào không hợp lệ.
        """

    /// The serve help; its key list comes from `ConfigurationKey.all`, the table that loading
    /// and validation use.
    static var serve: String {
        var lines = [
            "motcua serve — chạy webhook server",
            "",
            "Cách dùng: motcua serve [--config TỆP]",
            "",
            "Tùy chọn:",
            "  --config TỆP   tệp cấu hình YAML (mặc định: motcua.yaml nếu có)",
            "  --help         in hướng dẫn này",
            "",
            "Biến môi trường (ghi đè tệp cấu hình); khóa YAML tương ứng trong ngoặc:",
        ]
        for key in ConfigurationKey.all {
            guard let variable = key.environment else { continue }
            let yaml = key.isSecret ? "bí mật, không đặt trong tệp" : key.name
            lines.append("  \(variable) (\(yaml))")
            lines.append("      \(key.summary); mặc định \(key.defaultText)")
        }
        lines += [
            "",
            "Mỗi biến bí mật còn có dạng <TÊN_BIẾN>_FILE, ví dụ MOTCUA_ZALO_OA_SECRET_FILE=/etc/motcua/zalo-oa-secret:",
            "server đọc bí mật từ tệp đó. Tệp phải chỉ người chạy dịch vụ đọc được (chmod 600).",
            "",
            "Khóa chỉ đặt trong tệp cấu hình:",
        ]
        for key in ConfigurationKey.all where key.environment == nil {
            let alias = key.alias.map { " (tên cũ: \($0))" } ?? ""
            lines.append("  \(key.name)\(alias)")
            lines.append("      \(key.summary); mặc định \(key.defaultText)")
        }
        lines += ["", "Giải thích đầy đủ từng khóa: docs/cau-hinh.md. Vận hành: docs/van-hanh.md."]
        return lines.joined(separator: "\n")
    }

    static let migrate = """
        motcua migrate — cập nhật cấu trúc cơ sở dữ liệu

        Cách dùng: motcua migrate [--config TỆP]

        Áp dụng các bước cập nhật cấu trúc (migration) mà cơ sở dữ liệu đã cấu hình chưa có, rồi in
        số thứ tự các bước vừa áp dụng. Chạy lại không thay đổi gì. 'motcua serve' cũng tự áp dụng
        khi khởi động; lệnh này để cập nhật trước khi khởi động nhiều máy chủ cùng lúc.

        Tùy chọn:
          --config TỆP   tệp cấu hình YAML (mặc định: motcua.yaml nếu có)
          --help         in hướng dẫn này

        Cơ sở dữ liệu lấy từ MOTCUA_DATABASE hoặc khóa database của tệp cấu hình:
        sqlite:ĐƯỜNG_DẪN hoặc postgres://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY:CỔNG/TÊN_CSDL.
        Mã thoát: 0 thành công, 2 cấu hình sai hoặc không cập nhật được.
        """

    static let chat = """
        motcua chat — nói chuyện với trợ lý trong terminal, không cần server

        Chạy bộ máy hội thoại với kịch bản thật (thư mục templates hoặc MOTCUA_TEMPLATES) ngay trong
        tiến trình. Hồ sơ nộp thử chỉ giữ trong bộ nhớ, không ghi vào cơ sở dữ liệu.

        Cách dùng: motcua chat [--user ID]

        Tùy chọn:
          --user ID   id người dùng (mặc định nguoi-dan-1)
          --help      in hướng dẫn này

        Trong khung chat:
          /anh URL               gửi một ảnh
          /vitri VĨ_ĐỘ KINH_ĐỘ   gửi vị trí, ví dụ: /vitri 11.31 106.10
          /thoat                 thoát (hoặc Ctrl+D)
        """

    static let lint = """
        motcua lint — kiểm tra kịch bản và tin nhắn

        Cách dùng: motcua lint [--templates THƯ_MỤC]

        Đọc mọi tệp flows/*.yaml, procedures/*.yaml, messages/vi.yaml và communes.yaml (nếu có), in mỗi
        lỗi trên một dòng dạng tệp:dòng: nội dung
        (xếp theo tệp rồi theo dòng), sau cùng là một dòng tổng kết. Mọi điều lint báo đều là lỗi:
        'motcua serve' in đúng các dòng này và không khởi động khi còn lỗi.

        Tùy chọn:
          --templates THƯ_MỤC   thư mục kịch bản (mặc định: MOTCUA_TEMPLATES, nếu không đặt thì templates)
          --help                in hướng dẫn này

        Những gì được kiểm tra:
          • cú pháp YAML, khóa bị lặp, kiểu nhập và ràng buộc nhập không tồn tại
          • bước, kịch bản (start_flow, call) và hành động không tồn tại; bước đầu không tồn tại
          • mã bước lặp trong một tệp, mã kịch bản lặp giữa các tệp, thiếu kịch bản 'menu'
          • bước không tới được từ bước đầu; kịch bản không tới được 'end: true' hay 'start_flow'
          • câu trả lời không được dùng ở if, {{tên}}, confirm hay hành động nộp hồ sơ
          • {{tên}}, if và confirm nhắc tới câu trả lời không câu hỏi nào lưu
          • lựa chọn trùng giá trị; if so sánh với giá trị không có trong các lựa chọn
          • tin nhắn bị thiếu, hoặc dùng {{tên}} mà chương trình không truyền vào

        Mã thoát: 0 không có lỗi, 1 có lỗi, 2 cách dùng không hợp lệ hoặc không có thư mục.
        """

    static let demo = """
        motcua demo — thử trợ lý ngay trong terminal

        Chạy server thật, một Zalo giả lập trên 127.0.0.1 và một khung chat. Mỗi dòng bạn gõ được gửi
        thành webhook Zalo có chữ ký tới server; câu trả lời đi qua libcurl tới Zalo giả lập rồi in ra.
        Không cần tài khoản hay khóa nào.

        Cách dùng: motcua demo [--fresh] [--user ID] [--quiet-hours GIỜ:PHÚT-GIỜ:PHÚT]

        Tùy chọn:
          --fresh     xóa dữ liệu demo cũ (data/demo.sqlite) trước khi chạy
          --user ID   id người dùng Zalo giả lập (mặc định 1000000000000000001)
          --quiet-hours GIỜ:PHÚT-GIỜ:PHÚT
                      giờ yên lặng của thông báo (mặc định giờ Việt Nam), ví dụ 06:00-23:00; mặc định tắt
          --help      in hướng dẫn này

        Biến môi trường:
          MOTCUA_FAKE_CLOCK=1   mỗi POST /__mock/clock?advance=GIÂY tới Zalo giả lập đẩy đồng hồ của server
                                tới trước chừng ấy giây, để 'motcua replay --target' chạy được lượt wait:

        Trong khung chat:
          /anh URL               gửi một ảnh
          /vitri VĨ_ĐỘ KINH_ĐỘ   gửi vị trí, ví dụ: /vitri 11.31 106.10
          /thoat                 thoát (hoặc Ctrl+D)
        """

    private static let broadcastConnection = """
        Kết nối:
          --server URL       địa chỉ server (mặc định MOTCUA_SERVER, nếu không đặt thì http://127.0.0.1:8080)
          --token-file TỆP   tệp chứa token API quản trị (mặc định lấy từ biến MOTCUA_TOKEN)
          --help             in hướng dẫn này
        """

    static let broadcast = """
        motcua broadcast — thông báo của cán bộ gửi tới người dân đã đăng ký nhận tin

        Cách dùng: motcua broadcast <lệnh con> [tùy chọn]

        Các lệnh con:
          create          tạo thông báo (hoặc thử với --dry-run)
          approve SỐ      duyệt thông báo của cán bộ khác
          status SỐ       xem tiến độ; --follow để theo dõi đến khi gửi xong
          pause SỐ        tạm dừng gửi
          resume SỐ       gửi tiếp
          cancel SỐ       hủy; người chưa nhận sẽ không nhận nữa
          list            liệt kê thông báo, mới nhất trước

        'motcua broadcast <lệnh con> --help' cho từng lệnh con. Xem docs/thong-bao.md.

        \(broadcastConnection)

        Mã thoát: 0 thành công, 1 server lỗi hoặc không kết nối được, 2 cách dùng hoặc dữ liệu không hợp lệ.
        """

    static let broadcastCreate = """
        motcua broadcast create — tạo thông báo

        Cách dùng: motcua broadcast create --text NỘI_DUNG [tùy chọn]

        Tùy chọn:
          --text NỘI_DUNG        nội dung; {xa} là tên đầy đủ xã/phường của người nhận ("Xã Bình Hòa")
                                 hoặc "toàn tỉnh", {ngay} là ngày gửi (dd/mm/yyyy)
          --image URL            địa chỉ ảnh, gửi kèm dưới nội dung
          --link-title TIÊU_ĐỀ   chữ của nút liên kết (cần cả --link-url)
          --link-url URL         địa chỉ của nút liên kết
          --communes A,B         chỉ gửi người đăng ký các xã này (người đăng ký cả tỉnh vẫn nhận)
          --topics T1,T2         chỉ gửi người đăng ký các chủ đề: thong-bao-chung, y-te, thien-tai,
                                 thu-tuc-moi, viec-lam
          --channels K1,K2       chỉ gửi qua các kênh: zalo, telegram, messenger
          --at THỜI_ĐIỂM         giờ bắt đầu gửi, ISO 8601, ví dụ 2026-03-01T08:00:00+07:00
          --expires THỜI_ĐIỂM    sau giờ này, người đang chờ (ngoài khung 7 ngày Zalo, 24 giờ Messenger)
                                 không nhận nữa
          --emergency            khẩn cấp: gửi cả trong giờ yên lặng (chỉ vai trò được phép)
          --dry-run              không tạo, chỉ đếm số người nhận ngay, nhận sau, không nhận được và lý do

        \(broadcastConnection)
        """

    static let broadcastStatus = """
        motcua broadcast status — xem tiến độ một thông báo

        Cách dùng: motcua broadcast status SỐ [--follow] [--interval GIÂY]

        Tùy chọn:
          --follow           theo dõi đến khi gửi xong hoặc bị hủy; thanh tiến độ khi in ra terminal,
                             mỗi lần một dòng khi in ra tệp
          --interval GIÂY    khoảng cách giữa hai lần hỏi server (mặc định 2)

        \(broadcastConnection)
        """

    static let broadcastChange = """
        motcua broadcast approve|pause|resume|cancel — đổi trạng thái một thông báo

        Cách dùng: motcua broadcast approve SỐ   (hoặc pause, resume, cancel)

        approve: cán bộ khác người tạo duyệt thông báo; thông báo gửi khi tới giờ.
        pause, resume: tạm dừng và gửi tiếp. cancel: hủy, người chưa nhận sẽ không nhận nữa.

        \(broadcastConnection)
        """

    static let broadcastList = """
        motcua broadcast list — liệt kê thông báo, mới nhất trước

        Cách dùng: motcua broadcast list

        \(broadcastConnection)
        """
}

/// Writes a command-line error to standard error.
enum CommandLineError {
    static func report(_ message: String) {
        FileHandleOutput.standardError("Lỗi: \(message)\n")
    }
}
