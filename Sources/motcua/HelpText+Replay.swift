extension HelpText {
    static let replay = """
        motcua replay — chạy lại các kịch bản thử hội thoại

        Cách dùng: motcua replay [ĐƯỜNG_DẪN...] [tùy chọn]
                   motcua replay export --user ID [tùy chọn]   (xem 'motcua replay export --help')

        ĐƯỜNG_DẪN là tệp .yaml hoặc thư mục (tìm cả thư mục con); mặc định fixtures/conversations.
        Mỗi kịch bản chạy trong tiến trình với đồng hồ giả. Mỗi chỗ sai in dạng tệp:dòng, số lượt,
        tin người dân gửi và phần khác nhau từng dòng (- mong đợi, + bot gửi). Cuối cùng in bảng độ
        phủ, tốc độ (lượt/giây) và dòng tổng kết "N đạt, N lỗi" ("N passed, N failed" với --lang en).

        Tùy chọn:
          --update             ghi câu trả lời thật của bot vào các khối expect: của tệp, giữ nguyên
                               chú thích và phần còn lại; lượt chưa có expect: được thêm vào
          --junit TỆP          ghi kết quả dạng JUnit XML (mỗi kịch bản một testcase); tạo thư mục
                               chứa TỆP nếu chưa có
          --min-coverage P     trả mã 1 khi độ phủ bước và nhánh dưới P phần trăm
          --chaos CHẾ_ĐỘ...    chạy với nhiễu: duplicate (mỗi sự kiện gửi hai lần), restart (nạp lại
                               trạng thái từ kho trước mỗi lượt), burst (lưu mọi tin liên tiếp trước
                               khi xử lý); câu trả lời phải giữ nguyên. Nhiều chế độ viết cách nhau
                               (--chaos restart burst), bằng dấu phẩy (--chaos restart,burst) hoặc
                               lặp lại --chaos
          --target URL         phát lại qua HTTP tới server đang chạy: gửi webhook có chữ ký, đọc câu
                               trả lời từ API giả lập; thư mục có cả webhook mẫu *.json
          --mock URL           địa chỉ API giả lập cho --target (mặc định MOTCUA_ZALO_API_BASE,
                               MOTCUA_TELEGRAM_API_BASE hoặc MOTCUA_MESSENGER_API_BASE)
          --quiet              chỉ in một dòng cho máy đọc:
                               passed=N failed=N turns=N seconds=S turns_per_second=R
          --lang en            in bằng tiếng Anh (hoặc MOTCUA_LANG=en)
          --help               in hướng dẫn này

        Màu chỉ dùng khi đầu ra là terminal và NO_COLOR không được đặt.
        Mã thoát: 0 mọi kịch bản đạt, 1 có kịch bản lỗi hoặc độ phủ thấp, 2 cách dùng hoặc tệp không hợp lệ.
        Chi tiết: docs/kiem-thu.md.
        """

    static let replayExport = """
        motcua replay export — biến một hội thoại đã lưu thành kịch bản thử

        Cách dùng: motcua replay export --user ID [--channel zalo] [--database sqlite:ĐƯỜNG_DẪN] [-o TỆP]

        Đọc hội thoại từ cơ sở dữ liệu, thay họ tên, số điện thoại, số căn cước, email và địa chỉ bằng
        giá trị giả, rồi in kịch bản thử (hoặc ghi vào TỆP). Câu trả lời đã lưu của bot thành expect:.

        Tùy chọn:
          --user ID                  id người dùng trên kênh (bắt buộc)
          --channel KÊNH             zalo, telegram hoặc messenger (mặc định zalo)
          --database sqlite:ĐƯỜNG_DẪN  cơ sở dữ liệu (mặc định MOTCUA_DATABASE, rồi sqlite:data/motcua.sqlite)
          --templates THƯ_MỤC        kịch bản dùng để biết mỗi câu trả lời thuộc loại câu hỏi nào
          -o TỆP                     ghi vào TỆP thay vì in ra
          --help                     in hướng dẫn này
        """
}
