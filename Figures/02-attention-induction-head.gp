# Layer 2, head 3 of the 2-layer model on one test sequence
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 02-attention-induction-head.gp
set terminal pngcairo size 960,760 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '02-attention-induction-head.png'
set termoption noenhanced
set title 'Layer 2, head 3 of the 2-layer model on one test sequence' font ',15'
set xlabel 'key position: token'
set ylabel 'query position: token'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
set key off
set grid noxtics noytics
set xrange [-0.5:22.5]
set yrange [22.5:-0.5]
set tics scale 0
set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 '#fde725')
set cbrange [0:1]
set xtics ('0:13' 0, '1:7' 1, '2:27' 2, '3:2' 3, '4:31' 4, '5:19' 5, '6:22' 6, '7:17' 7, '8:9' 8, '9:0' 9, '10:21' 10, '11:15' 11, '12:23' 12, '13:29' 13, '14:16' 14, '15:22' 15, '16:17' 16, '17:9' 17, '18:0' 18, '19:21' 19, '20:15' 20, '21:23' 21, '22:29' 22) rotate by -45
set ytics ('0:13' 0, '1:7' 1, '2:27' 2, '3:2' 3, '4:31' 4, '5:19' 5, '6:22' 6, '7:17' 7, '8:9' 8, '9:0' 9, '10:21' 10, '11:15' 11, '12:23' 12, '13:29' 13, '14:16' 14, '15:22' 15, '16:17' 16, '17:9' 17, '18:0' 18, '19:21' 19, '20:15' 20, '21:23' 21, '22:29' 22)
plot '02-attention-induction-head.dat' matrix with image notitle
